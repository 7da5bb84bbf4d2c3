package com.jobstatus.auth;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jobstatus.runtime.Env;
import com.jobstatus.runtime.Telemetry;
import com.jobstatus.schemas.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * WsAuthorizerFn: the WebSocket API's Lambda REQUEST authorizer on {@code $connect}. It reads the ID token from
 * the {@code token} query parameter (browsers cannot set headers on a WebSocket) and answers with an IAM policy:
 * Allow with the user's {@code sub} as principal and in the context, which the connect handler stores; or Deny,
 * which API Gateway turns into 403 and no connection. The pool's keys are fetched in INIT and kept.
 */
public final class AuthorizerHandler implements RequestStreamHandler, Resource {

    public static final String ALLOWED = "ConnectsAllowed";
    public static final String REFUSED = "ConnectsRefused";
    /** The authorizer context key the connect handler reads the user from. */
    public static final String USER_ID_KEY = "userId";
    private static final Logger LOG = LoggerFactory.getLogger(AuthorizerHandler.class);

    private final ConnectAuthorizer authorizer;
    private final CachedJwks keys;
    private final Metrics metrics;

    /** Called by the Lambda runtime: reads the configuration and fetches the pool's keys. */
    public AuthorizerHandler() {
        this(AuthorizerConfig.from(Env.system()));
    }

    /** The handler as Lambda would build it, from the given environment: for the local stack and tools. */
    public static AuthorizerHandler withEnvironment(Map<String, String> environment) {
        return new AuthorizerHandler(AuthorizerConfig.from(new Env(environment)));
    }

    private AuthorizerHandler(AuthorizerConfig config) {
        this(config, CachedJwks.at(config.jwksUri(), Clock.systemUTC()));
        Core.getGlobalContext().register(this);
    }

    private AuthorizerHandler(AuthorizerConfig config, CachedJwks keys) {
        this(new ConnectAuthorizer(new IdTokenVerifier(keys, config.issuer(), config.appClientIds(), Clock.systemUTC()),
                config.allowedOrigins()), keys, Telemetry.metrics(config.serviceName(), config.stage()));
        keys.refresh();
    }

    AuthorizerHandler(ConnectAuthorizer authorizer, CachedJwks keys, Metrics metrics) {
        this.authorizer = authorizer;
        this.keys = keys;
        this.metrics = metrics;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = Json.MAPPER.readTree(input);
        try {
            ObjectNode policy = PowertoolsLogging.withLogging(context, () -> decide(event));
            Json.MAPPER.writeValue(output, policy);
        } finally {
            metrics.flush();
        }
    }

    private ObjectNode decide(JsonNode event) {
        String token = event.path("queryStringParameters").path("token").asText(null);
        String origin = header(event, "origin");
        String connectionId = event.path("requestContext").path("connectionId").asText(null);
        String methodArn = event.path("methodArn").asText();
        return switch (authorizer.decide(token, origin)) {
            case ConnectAuthorizer.Allow allow -> {
                metrics.addMetric(ALLOWED, 1, MetricUnit.COUNT);
                LOG.info("connect allowed", entry("outcome", "ALLOWED"), entry("connectionId", connectionId));
                yield policy(allow.userId(), "Allow", methodArn).set("context",
                        Json.MAPPER.createObjectNode().put(USER_ID_KEY, allow.userId()));
            }
            case ConnectAuthorizer.Deny deny -> {
                metrics.addMetric(REFUSED, 1, MetricUnit.COUNT);
                LOG.info("connect refused", entry("outcome", "REFUSED"), entry("reason", deny.reason()),
                        entry("connectionId", connectionId));
                yield policy("anonymous", "Deny", methodArn);
            }
        };
    }

    /** Header names are case-insensitive; API Gateway passes them as the client sent them. */
    private static String header(JsonNode event, String name) {
        for (Map.Entry<String, JsonNode> header : event.path("headers").properties()) {
            if (header.getKey().toLowerCase(Locale.ROOT).equals(name) && header.getValue().isTextual()) {
                return header.getValue().asText();
            }
        }
        return null;
    }

    private static ObjectNode policy(String principalId, String effect, String resource) {
        ObjectNode answer = Json.MAPPER.createObjectNode().put("principalId", principalId);
        answer.putObject("policyDocument").put("Version", "2012-10-17").putArray("Statement").addObject()
                .put("Action", "execute-api:Invoke").put("Effect", effect).put("Resource", resource);
        return answer;
    }

    /**
     * SnapStart: the keys are already fetched (INIT); run a refusal through every step of the verifier once, a
     * signature check included, so a restored function starts warm; prime logging and metrics.
     */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        try {
            String kid = keys.knownKeyIds().stream().findFirst().orElse("priming");
            Base64.Encoder base64url = Base64.getUrlEncoder().withoutPadding();
            String header = base64url.encodeToString(("{\"alg\":\"RS256\",\"kid\":\"" + kid + "\"}").getBytes());
            String claims = base64url.encodeToString("{\"token_use\":\"id\"}".getBytes());
            authorizer.decide(header + "." + claims + "." + base64url.encodeToString(new byte[256]), null);
            policy("priming", "Deny", "priming").toString();
            LOG.info("primed", entry("outcome", "PRIMED"), entry("signingKeys", keys.size()));
            Telemetry.prime();
        } catch (RuntimeException e) {
            LOG.warn("priming failed; the first request will load what priming would have",
                    entry("errorType", e.getClass().getSimpleName()));
        }
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // the keys in the snapshot stay good; a token with a new kid fetches them again
    }
}
