package com.jobstatus.auth;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jobstatus.schemas.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/** WsAuthorizerFn, the WebSocket API's REQUEST authorizer on {@code $connect}: an IAM policy for the caller's token. */
public final class AuthorizerHandler implements RequestStreamHandler {

    public static final String ALLOWED = "ConnectsAllowed";
    public static final String REFUSED = "ConnectsRefused";
    private static final Logger LOG = LoggerFactory.getLogger(AuthorizerHandler.class);

    private final ConnectAuthorizer authorizer;
    private final Metrics metrics;

    public AuthorizerHandler() {
        AuthorizerWiring wiring = AuthorizerWiring.fromEnvironment();
        this(wiring.authorizer(), wiring.metrics());
    }

    AuthorizerHandler(ConnectAuthorizer authorizer, Metrics metrics) {
        this.authorizer = authorizer;
        this.metrics = metrics;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        WebSocketRequest request = WebSocketRequest.read(Json.MAPPER.readTree(input));
        try {
            Json.MAPPER.writeValue(output, PowertoolsLogging.withLogging(context, () -> answer(request)));
        } finally {
            metrics.flush();
        }
    }

    private ObjectNode answer(WebSocketRequest request) {
        ConnectAuthorizer.Decision decision = authorizer.decide(request.query("token"), request.header("origin"));
        metrics.addMetric(decision instanceof ConnectAuthorizer.Allow ? ALLOWED : REFUSED, 1, MetricUnit.COUNT);
        if (decision instanceof ConnectAuthorizer.Deny deny) {
            LOG.info("connect refused", entry("outcome", "REFUSED"), entry("reason", deny.reason()),
                    entry("connectionId", request.connectionId()));
        } else {
            LOG.info("connect allowed", entry("outcome", "ALLOWED"), entry("connectionId", request.connectionId()));
        }
        return ConnectPolicy.of(decision, request.methodArn());
    }
}
