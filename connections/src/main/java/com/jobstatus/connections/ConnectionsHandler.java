package com.jobstatus.connections;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.jobstatus.auth.WebSocketRequest;
import com.jobstatus.schemas.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/** ConnectionsFn, the WebSocket API's {@code $connect} and {@code $disconnect} routes ({@link ConnectionRoutes}). */
public final class ConnectionsHandler implements RequestStreamHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionsHandler.class);

    private final ConnectionRoutes routes;
    private final Metrics metrics;

    public ConnectionsHandler() {
        ConnectionsWiring wiring = ConnectionsWiring.fromEnvironment();
        this(wiring.routes(), wiring.metrics());
    }

    ConnectionsHandler(ConnectionRoutes routes, Metrics metrics) {
        this.routes = routes;
        this.metrics = metrics;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        WebSocketRequest request = WebSocketRequest.read(Json.MAPPER.readTree(input));
        try {
            int status = PowertoolsLogging.withLogging(context, () -> route(request));
            Json.MAPPER.writeValue(output, Json.MAPPER.createObjectNode().put("statusCode", status));
        } finally {
            metrics.flush();
        }
    }

    private int route(WebSocketRequest request) {
        ConnectionRoutes.Result result = routes.handle(request);
        ConnectionRoutes.Outcome outcome = result.outcome();
        outcome.metric().ifPresent(metric -> metrics.addMetric(metric, 1, MetricUnit.COUNT));
        var line = LOG.atLevel(outcome.level()).addArgument(entry("route", request.routeKey()))
                .addArgument(entry("connectionId", request.connectionId())).addArgument(entry("outcome", outcome.name()));
        if (outcome == ConnectionRoutes.Outcome.DISCONNECTED) {
            line.addArgument(entry("closeCode", request.disconnectStatusCode()));
        }
        line.log(result.message());
        return result.statusCode();
    }
}
