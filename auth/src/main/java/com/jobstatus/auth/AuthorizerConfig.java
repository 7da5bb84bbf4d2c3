package com.jobstatus.auth;

import com.jobstatus.runtime.Env;
import com.jobstatus.runtime.Origins;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * WsAuthorizerFn's configuration, read once at cold start from the environment the template sets.
 *
 * @param appClientIds   the app clients whose ID tokens are accepted ({@code USER_POOL_CLIENT_IDS}, comma-separated)
 * @param allowedOrigins the browser origins allowed to connect ({@code ALLOWED_ORIGINS}, as the REST API's CORS)
 * @param jwksUri        the pool's key set: Cognito's, or the local AWS's when {@code AWS_ENDPOINT_URL} points at one
 */
public record AuthorizerConfig(String issuer, URI jwksUri, Set<String> appClientIds, Set<String> allowedOrigins,
                               String stage, String serviceName) {

    static final String USER_POOL = "USER_POOL_ID";
    static final String CLIENT_IDS = "USER_POOL_CLIENT_IDS";
    static final String ORIGINS = "ALLOWED_ORIGINS";
    static final String STAGE = "STAGE";
    static final String SERVICE = "POWERTOOLS_SERVICE_NAME";
    /** Every variable this function reads besides the AWS ones Lambda sets; the template test compares. */
    public static final List<String> VARIABLES = List.of(USER_POOL, CLIENT_IDS, ORIGINS, STAGE, SERVICE);

    static AuthorizerConfig from(Env env) {
        String pool = env.required(USER_POOL);
        if (!pool.matches("[\\w-]+_[0-9a-zA-Z]+")) {
            throw new IllegalStateException("environment variable " + USER_POOL + " is not a user pool id: " + pool);
        }
        Set<String> clients = Arrays.stream(env.required(CLIENT_IDS).split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
        String issuer = IdTokenVerifier.issuer(env.required("AWS_REGION"), pool);
        String endpoint = env.optional("AWS_ENDPOINT_URL", null);
        // Cognito serves the keys under the issuer; a local AWS (moto) serves them under its endpoint, by pool id
        URI jwks = URI.create((endpoint == null ? issuer : endpoint.replaceAll("/+$", "") + "/" + pool)
                + "/.well-known/jwks.json");
        return new AuthorizerConfig(issuer, jwks, clients, Origins.parse(ORIGINS, env.required(ORIGINS)),
                env.required(STAGE), env.optional(SERVICE, "job-status-ws-authorizer"));
    }
}
