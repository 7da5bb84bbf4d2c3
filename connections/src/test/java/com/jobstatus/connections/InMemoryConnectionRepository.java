package com.jobstatus.connections;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@link ConnectionRepository} in a map, for unit tests of the handlers that use it. */
public final class InMemoryConnectionRepository implements ConnectionRepository {

    private final Map<String, Connection> connections = new ConcurrentHashMap<>();

    @Override
    public void add(Connection connection) {
        connections.put(connection.connectionId(), connection);
    }

    @Override
    public void remove(String connectionId) {
        connections.remove(connectionId);
    }

    @Override
    public List<Connection> ofUser(String userId, Instant now) {
        // DynamoDB refuses a query without a key value; so does this table
        java.util.Objects.requireNonNull(userId, "userId");
        List<Connection> found = new ArrayList<>();
        connections.values().stream().filter(c -> c.userId().equals(userId) && !c.isExpired(now))
                .sorted(java.util.Comparator.comparing(Connection::connectionId)).forEach(found::add);
        return found;
    }

    /** Every connection, expired or not, by id. */
    public Map<String, Connection> all() {
        return Map.copyOf(connections);
    }
}
