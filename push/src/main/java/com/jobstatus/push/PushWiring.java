package com.jobstatus.push;

import com.jobstatus.connections.ConnectionRepository;
import com.jobstatus.connections.DynamoConnectionRepository;
import com.jobstatus.runtime.AwsClients;
import com.jobstatus.runtime.Env;
import com.jobstatus.runtime.SnapStart;
import com.jobstatus.runtime.Telemetry;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.lambda.powertools.metrics.Metrics;

/**
 * PushFn built once, in INIT: its configuration read and checked, the DynamoDB and {@code @connections} clients,
 * the Connections table's repository, the pusher and the metrics built, the priming registered for SnapStart.
 */
public record PushWiring(Pusher pusher, Metrics metrics) {

    /** What Lambda runs: the function built from the process's environment. */
    static PushWiring fromEnvironment() {
        return from(Env.system());
    }

    static PushWiring from(Env env) {
        PushConfig config = PushConfig.from(env);
        ConnectionRepository connections = new DynamoConnectionRepository(AwsClients.dynamo(config.aws()),
                config.connectionsTable());
        ConnectionSender sender = new ManagementApiSender(AwsClients.configure(ApiGatewayManagementApiClient.builder(),
                        config.aws())
                // after configure: the management API lives at the WebSocket API's stage, not at AWS_ENDPOINT_URL
                .endpointOverride(config.connectionsEndpoint()).build());
        Metrics metrics = Telemetry.metrics(config.serviceName(), config.stage());
        SnapStart.primeBeforeSnapshot("PushFn", new PushPriming(connections, sender)::run);
        return new PushWiring(new Pusher(connections, sender, new PowertoolsPushMetrics(metrics), Clock.systemUTC()),
                metrics);
    }

    /** The function as Lambda builds it, from the given environment: for the local stack and tools. */
    public static PushHandler handler(Map<String, String> environment) {
        PushWiring wiring = from(new Env(environment));
        return new PushHandler(wiring.pusher(), wiring.metrics());
    }
}
