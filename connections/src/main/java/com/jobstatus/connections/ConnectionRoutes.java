package com.jobstatus.connections;

import com.jobstatus.auth.WebSocketRequest;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.event.Level;

/**
 * ConnectionsFn's rules over the Connections table: a {@code $connect} the authorizer let in records the connection
 * for the user it verified; a {@code $disconnect} forgets it; anything else is refused and recorded nowhere. Plain
 * values in and out: the handler only translates API Gateway's event and answer.
 */
public final class ConnectionRoutes {

    /** What became of an event: the log's outcome word, how loudly it is logged, what it counts. */
    public enum Outcome {
        CONNECTED(Level.INFO, "Connects"),
        DISCONNECTED(Level.INFO, "Disconnects"),
        /** An error: API Gateway sends such an event only to a misconfigured route, and the connection fails. */
        REFUSED(Level.ERROR, null),
        /** A warning: a route the template does not give this function (a message route, say) costs nobody anything. */
        NO_ROUTE(Level.WARN, null);

        private final Level level;
        private final String metric;

        Outcome(Level level, String metric) {
            this.level = level;
            this.metric = metric;
        }

        public Level level() {
            return level;
        }

        /** The metric it adds one to, if any. */
        public Optional<String> metric() {
            return Optional.ofNullable(metric);
        }
    }

    /** @param statusCode the route's answer: on {@code $connect}, anything but 200 refuses the connection */
    public record Result(Outcome outcome, int statusCode, String message) {
    }

    private final ConnectionRepository connections;
    /** When a connection opened, if the event does not say. */
    private final Clock clock;

    public ConnectionRoutes(ConnectionRepository connections, Clock clock) {
        this.connections = connections;
        this.clock = clock;
    }

    public Result handle(WebSocketRequest request) {
        String connectionId = request.connectionId();
        if (connectionId == null || connectionId.isBlank()) {
            return new Result(Outcome.REFUSED, 400, "no connection id in the event");
        }
        switch (request.routeKey()) {
            case "$connect" -> {
                if (request.userId() == null || request.userId().isBlank()) {
                    // only a route without the authorizer gets here: refuse rather than record an ownerless connection
                    return new Result(Outcome.REFUSED, 403, "connect without a verified user; refused");
                }
                connections.add(Connection.opened(connectionId, request.userId(),
                        request.connectedAt() == null ? clock.instant() : request.connectedAt()));
                return new Result(Outcome.CONNECTED, 200, "connected");
            }
            case "$disconnect" -> {
                connections.remove(connectionId);
                return new Result(Outcome.DISCONNECTED, 200, "disconnected");
            }
            default -> {
                return new Result(Outcome.NO_ROUTE, 400, "a route this function does not serve");
            }
        }
    }
}
