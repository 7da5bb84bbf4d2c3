package com.jobstatus.connections;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jobstatus.auth.WebSocketRequest;
import com.jobstatus.runtime.Telemetry;
import com.jobstatus.schemas.PrimingEvents;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What ConnectionsFn's first requests would otherwise load, done before the SnapStart snapshot: the example
 * {@code $disconnect} event, pointed at a connection that cannot exist, goes the whole way (one DeleteItem that
 * deletes nothing); the example {@code $connect} event goes through the same rules up to the item it would write,
 * which is mapped but not written; logging and metrics primed.
 */
final class ConnectionsPriming {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionsPriming.class);
    /** Not an id API Gateway gives a connection. */
    static final String CONNECTION_ID = "#priming";

    private final ConnectionRepository connections;

    ConnectionsPriming(ConnectionRepository connections) {
        this.connections = connections;
    }

    /** @return what became of the two events: connected (on paper), disconnected */
    List<ConnectionRoutes.Result> run() {
        ConnectionRoutes.Result connected = new ConnectionRoutes(new Unwritten(), Clock.systemUTC())
                .handle(WebSocketRequest.read(PrimingEvents.read("push/connect")));
        ObjectNode disconnect = PrimingEvents.read("push/disconnect");
        ((ObjectNode) disconnect.path("requestContext")).put("connectionId", CONNECTION_ID);
        ConnectionRoutes.Result disconnected = new ConnectionRoutes(connections, Clock.systemUTC())
                .handle(WebSocketRequest.read(disconnect));
        LOG.info("primed", entry("outcome", "PRIMED"));
        Telemetry.prime();
        return List.of(connected, disconnected);
    }

    /** The Connections table as far as the item a connection becomes, without writing it. */
    private static final class Unwritten implements ConnectionRepository {
        @Override
        public void add(Connection connection) {
            ConnectionItemMapper.fromItem(ConnectionItemMapper.toItem(connection));
        }

        @Override
        public void remove(String connectionId) {
        }

        @Override
        public List<Connection> ofUser(String userId, Instant now) {
            return List.of();
        }
    }
}
