package com.jobstatus.push;

import com.jobstatus.runtime.AwsSettings;
import com.jobstatus.runtime.Env;
import java.net.URI;
import java.util.List;

/**
 * PushFn's configuration, read once at cold start from the environment the template sets.
 *
 * @param connectionsEndpoint the WebSocket API stage's management endpoint,
 *                            {@code https://{api-id}.execute-api.{region}.amazonaws.com/{stage}}
 */
public record PushConfig(String connectionsTable, URI connectionsEndpoint, String stage, String serviceName,
                         AwsSettings aws) {

    static final String TABLE = "CONNECTIONS_TABLE_NAME";
    static final String ENDPOINT = "CONNECTIONS_ENDPOINT";
    static final String STAGE = "STAGE";
    static final String SERVICE = "POWERTOOLS_SERVICE_NAME";
    /** Every variable this function reads besides the AWS ones Lambda sets; the template test compares. */
    public static final List<String> VARIABLES = List.of(TABLE, ENDPOINT, STAGE, SERVICE);

    static PushConfig from(Env env) {
        URI endpoint = URI.create(env.required(ENDPOINT));
        if (!"https".equals(endpoint.getScheme()) && !"http".equals(endpoint.getScheme()) || endpoint.getHost() == null) {
            throw new IllegalStateException("environment variable " + ENDPOINT + " is not an http(s) URL: " + endpoint);
        }
        return new PushConfig(env.required(TABLE), endpoint, env.required(STAGE),
                env.optional(SERVICE, "job-status-push"), AwsSettings.from(env));
    }
}
