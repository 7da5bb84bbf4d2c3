package com.jobstatus.connections;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.jobstatus.runtime.AwsClients;
import com.jobstatus.runtime.Env;
import com.jobstatus.runtime.Telemetry;
import com.jobstatus.schemas.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * ConnectionsFn: the WebSocket API's {@code $connect} and {@code $disconnect} routes. {@code $connect} runs only
 * after the authorizer allowed the token, and records the connection with the user the authorizer verified;
 * {@code $disconnect} forgets it. Any other answer than 200 on {@code $connect} refuses the connection.
 */
public final class ConnectionsHandler implements RequestStreamHandler, Resource {

    public static final String CONNECTS = "Connects";
    public static final String DISCONNECTS = "Disconnects";
    /** The authorizer context key holding the verified user (WsAuthorizerFn's {@code USER_ID_KEY}). */
    static final String USER_ID_KEY = "userId";
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionsHandler.class);
    private static final byte[] OK = "{\"statusCode\":200}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] FORBIDDEN = "{\"statusCode\":403}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] NO_ROUTE = "{\"statusCode\":400}".getBytes(StandardCharsets.UTF_8);

    private final ConnectionRepository connections;
    private final Metrics metrics;

    /** Called by the Lambda runtime: reads the configuration and builds the real dependencies. */
    public ConnectionsHandler() {
        this(ConnectionsConfig.from(Env.system()));
    }

    /** The handler as Lambda would build it, from the given environment: for the local stack and tools. */
    public static ConnectionsHandler withEnvironment(Map<String, String> environment) {
        return new ConnectionsHandler(ConnectionsConfig.from(new Env(environment)));
    }

    private ConnectionsHandler(ConnectionsConfig config) {
        this(new DynamoConnectionRepository(AwsClients.dynamo(config.aws()), config.tableName()),
                Telemetry.metrics(config.serviceName(), config.stage()));
        Core.getGlobalContext().register(this);
    }

    ConnectionsHandler(ConnectionRepository connections, Metrics metrics) {
        this.connections = connections;
        this.metrics = metrics;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode request = Json.MAPPER.readTree(input).path("requestContext");
        try {
            output.write(PowertoolsLogging.withLogging(context, () -> route(request)));
        } finally {
            metrics.flush();
        }
    }

    private byte[] route(JsonNode request) {
        String route = request.path("routeKey").asText();
        String connectionId = request.path("connectionId").asText(null);
        if (connectionId == null || connectionId.isBlank()) {
            LOG.error("no connection id in the event", entry("route", route), entry("outcome", "REFUSED"));
            return NO_ROUTE;
        }
        switch (route) {
            case "$connect" -> {
                String userId = request.path("authorizer").path(USER_ID_KEY).asText(null);
                if (userId == null || userId.isBlank()) {
                    // only a route without the authorizer gets here: refuse rather than record an ownerless connection
                    LOG.error("connect without a verified user; refused", entry("route", route),
                            entry("connectionId", connectionId), entry("outcome", "REFUSED"));
                    return FORBIDDEN;
                }
                long connectedAt = request.path("connectedAt").asLong(0);
                connections.add(Connection.opened(connectionId, userId,
                        connectedAt > 0 ? Instant.ofEpochMilli(connectedAt) : Instant.now()));
                metrics.addMetric(CONNECTS, 1, MetricUnit.COUNT);
                LOG.info("connected", entry("route", route), entry("connectionId", connectionId),
                        entry("outcome", "CONNECTED"));
                return OK;
            }
            case "$disconnect" -> {
                connections.remove(connectionId);
                metrics.addMetric(DISCONNECTS, 1, MetricUnit.COUNT);
                LOG.info("disconnected", entry("route", route), entry("connectionId", connectionId),
                        entry("outcome", "DISCONNECTED"), entry("closeCode", request.path("disconnectStatusCode").asInt()));
                return OK;
            }
            default -> {
                LOG.warn("a route this function does not serve", entry("route", route), entry("outcome", "NO_ROUTE"));
                return NO_ROUTE;
            }
        }
    }

    /** SnapStart: one DeleteItem of a connection that cannot exist, one item mapped; logging and metrics primed. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        try {
            connections.remove("#priming");
            ConnectionItemMapper.fromItem(ConnectionItemMapper.toItem(Connection.opened("#priming", "#priming",
                    Instant.now())));
            LOG.info("primed", entry("outcome", "PRIMED"));
            Telemetry.prime();
        } catch (RuntimeException e) {
            LOG.warn("priming failed; the first request will load what priming would have",
                    entry("errorType", e.getClass().getSimpleName()));
        }
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to refresh: the client re-resolves connections on first use
    }
}
