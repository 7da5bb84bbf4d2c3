package com.jobstatus.connections;

import com.jobstatus.runtime.AwsClients;
import com.jobstatus.runtime.Env;
import com.jobstatus.runtime.SnapStart;
import com.jobstatus.runtime.Telemetry;
import java.time.Clock;
import java.util.Map;
import software.amazon.lambda.powertools.metrics.Metrics;

/**
 * ConnectionsFn built once, in INIT: its configuration read and checked, the DynamoDB client and the Connections
 * table's repository, the rules and the metrics built, the priming registered for SnapStart.
 */
public record ConnectionsWiring(ConnectionRoutes routes, Metrics metrics) {

    /** What Lambda runs: the function built from the process's environment. */
    static ConnectionsWiring fromEnvironment() {
        return from(Env.system());
    }

    static ConnectionsWiring from(Env env) {
        ConnectionsConfig config = ConnectionsConfig.from(env);
        ConnectionRepository connections = new DynamoConnectionRepository(AwsClients.dynamo(config.aws()),
                config.tableName());
        SnapStart.primeBeforeSnapshot("ConnectionsFn", new ConnectionsPriming(connections)::run);
        return new ConnectionsWiring(new ConnectionRoutes(connections, Clock.systemUTC()),
                Telemetry.metrics(config.serviceName(), config.stage()));
    }

    /** The function as Lambda builds it, from the given environment: for the local stack and tools. */
    public static ConnectionsHandler handler(Map<String, String> environment) {
        ConnectionsWiring wiring = from(new Env(environment));
        return new ConnectionsHandler(wiring.routes(), wiring.metrics());
    }
}
