package com.jobstatus.push;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.jobstatus.connections.Connection;
import com.jobstatus.connections.ConnectionRepository;
import com.jobstatus.connections.InMemoryConnectionRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PushPrimingTest {

    private static final String EXAMPLE_OWNER = "7e726b59-838d-4b1a-8318-f24f14f0c4b5";

    @Test
    void primingTakesTheExampleBatchAllTheWayForNobodyAndSendsTheExamplesOwnerNothing() {
        InMemoryConnectionRepository table = new InMemoryConnectionRepository();
        Connection owners = Connection.opened("conn-1", EXAMPLE_OWNER, Instant.now());
        table.add(owners);
        List<String> queried = new ArrayList<>();
        ConnectionRepository connections = new ConnectionRepository() {
            @Override
            public void add(Connection connection) {
                table.add(connection);
            }

            @Override
            public void remove(String connectionId) {
                table.remove(connectionId);
            }

            @Override
            public List<Connection> ofUser(String userId, Instant now) {
                queried.add(userId);
                return table.ofUser(userId, now);
            }
        };
        RecordingSender sender = new RecordingSender();

        Pusher.Result result = new PushPriming(connections, sender).run();

        assertEquals(new Pusher.Result(null, 0), result);
        assertEquals(List.of(PushPriming.NOBODY, PushPriming.NOBODY), queried, "the INSERT and the MODIFY, not expired");
        assertEquals(List.of(), sender.to(owners.connectionId()));
        assertEquals(List.of("{}"), sender.to(PushPriming.NOBODY), "the one post that loads the client's path");
        assertEquals(Map.of(owners.connectionId(), owners), table.all());
    }
}
