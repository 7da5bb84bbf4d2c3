package com.jobstatus.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectionsPrimingTest {

    @Test
    void primingRunsTheExampleConnectAndDisconnectThroughTheRulesAndChangesNoConnection() {
        InMemoryConnectionRepository connections = new InMemoryConnectionRepository();
        Connection open = Connection.opened("ZfYZ6cg5oAMCJdA=", "7e726b59-838d-4b1a-8318-f24f14f0c4b5", Instant.now());
        connections.add(open);

        List<ConnectionRoutes.Result> results = new ConnectionsPriming(connections).run();

        assertEquals(List.of(ConnectionRoutes.Outcome.CONNECTED, ConnectionRoutes.Outcome.DISCONNECTED),
                results.stream().map(ConnectionRoutes.Result::outcome).toList());
        assertEquals(Map.of(open.connectionId(), open), connections.all(),
                "the example's connection is neither written nor removed");
    }
}
