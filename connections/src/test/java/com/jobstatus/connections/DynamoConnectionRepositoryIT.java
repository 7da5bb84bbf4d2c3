package com.jobstatus.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.jobstatus.localaws.MotoExtension;
import com.jobstatus.localaws.MotoServer;
import com.jobstatus.runtime.AwsClients;
import com.jobstatus.runtime.AwsSettings;
import com.jobstatus.store.StoreException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The repository against a real (moto) table made as the template declares it. */
@ExtendWith(MotoExtension.class)
class DynamoConnectionRepositoryIT {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private final DynamoDbClient dynamo;
    private final String table = "Connections-it-" + UUID.randomUUID();
    private final DynamoConnectionRepository repository;

    DynamoConnectionRepositoryIT(MotoServer moto) {
        dynamo = AwsClients.dynamo(AwsSettings.local(moto.endpoint(), "us-east-1"));
        ConnectionsTable.create(dynamo, table);
        repository = new DynamoConnectionRepository(dynamo, table);
    }

    @Test
    void aUsersConnectionsAreTheirsOnlyAndARemovedOrExpiredOneIsGone() {
        Connection a1 = Connection.opened("a1", "user-a", NOW);
        Connection a2 = Connection.opened("a2", "user-a", NOW.minusSeconds(60));
        Connection b1 = Connection.opened("b1", "user-b", NOW);
        Connection expired = Connection.opened("a3", "user-a", NOW.minus(Connection.MAX_DURATION).minusSeconds(1));
        for (Connection c : List.of(a1, a2, b1, expired)) {
            repository.add(c);
        }
        assertEquals(List.of(a1, a2), sorted(repository.ofUser("user-a", NOW)));
        assertEquals(List.of(b1), repository.ofUser("user-b", NOW));
        assertEquals(List.of(), repository.ofUser("user-c", NOW));

        repository.remove("a1");
        repository.remove("never-was");
        assertEquals(List.of(a2), repository.ofUser("user-a", NOW));
        assertEquals(Instant.ofEpochSecond(a2.ttl()), a2.connectedAt().plus(Connection.MAX_DURATION)
                .truncatedTo(ChronoUnit.SECONDS));
    }

    @Test
    void aMissingTableIsAStoreException() {
        DynamoConnectionRepository nowhere = new DynamoConnectionRepository(dynamo, "no-such-table");
        StoreException e = assertThrows(StoreException.class, () -> nowhere.ofUser("user-a", NOW));
        assertEquals(false, e.throttled());
    }

    private static List<Connection> sorted(List<Connection> connections) {
        return connections.stream().sorted(java.util.Comparator.comparing(Connection::connectionId)).toList();
    }
}
