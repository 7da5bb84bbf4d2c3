package com.jobstatus.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jobstatus.auth.WebSocketRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules over plain requests: who gets recorded, and what is refused without recording anything. */
class ConnectionRoutesTest {

    private static final Instant NOW = Instant.parse("2024-06-25T12:00:00Z");
    private final InMemoryConnectionRepository connections = new InMemoryConnectionRepository();
    private final ConnectionRoutes routes = new ConnectionRoutes(connections, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aConnectWithoutATimeOpensNowForTheVerifiedUser() {
        ConnectionRoutes.Result result = routes.handle(request("$connect", "c-1", "user-1"));
        assertEquals(new ConnectionRoutes.Result(ConnectionRoutes.Outcome.CONNECTED, 200, "connected"), result);
        assertEquals(Connection.opened("c-1", "user-1", NOW), connections.all().get("c-1"));
    }

    @Test
    void anEventWithoutAConnectionOrForAnotherRouteIsRefusedAndNothingIsRecorded() {
        assertEquals(new ConnectionRoutes.Result(ConnectionRoutes.Outcome.REFUSED, 400, "no connection id in the event"),
                routes.handle(request("$connect", " ", "user-1")));
        assertEquals(new ConnectionRoutes.Result(ConnectionRoutes.Outcome.REFUSED, 403,
                "connect without a verified user; refused"), routes.handle(request("$connect", "c-1", null)));
        assertEquals(new ConnectionRoutes.Result(ConnectionRoutes.Outcome.NO_ROUTE, 400,
                "a route this function does not serve"), routes.handle(request("$default", "c-1", "user-1")));
        assertTrue(connections.all().isEmpty());
    }

    private static WebSocketRequest request(String route, String connectionId, String userId) {
        return new WebSocketRequest(route, connectionId, null, Map.of(), Map.of(), userId, 0, "");
    }
}
