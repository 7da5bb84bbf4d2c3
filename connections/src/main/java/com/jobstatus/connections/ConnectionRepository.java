package com.jobstatus.connections;

import java.time.Instant;
import java.util.List;

/**
 * The Connections table in domain terms. One DynamoDB implementation ({@link DynamoConnectionRepository});
 * tests may pass their own. Failures surface as {@link com.jobstatus.store.StoreException}.
 */
public interface ConnectionRepository {

    /** Records a connection that has just opened. */
    void add(Connection connection);

    /** Forgets a connection (closed, or gone); forgetting an unknown one is not an error. */
    void remove(String connectionId);

    /** The user's connections that may still be open at {@code now} (the {@code byUser} index: eventually consistent). */
    List<Connection> ofUser(String userId, Instant now);
}
