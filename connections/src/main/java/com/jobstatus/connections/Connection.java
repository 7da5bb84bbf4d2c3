package com.jobstatus.connections;

import java.time.Duration;
import java.time.Instant;

/**
 * An open WebSocket connection of a signed-in user, as the Connections table stores it.
 *
 * @param userId the Cognito {@code sub} the authorizer verified at {@code $connect}: only this user's jobs go here
 * @param ttl    epoch seconds after which the connection cannot be open any more (API Gateway closes every
 *               connection after {@link #MAX_DURATION}); DynamoDB's TTL removes what {@code $disconnect} missed
 */
public record Connection(String connectionId, String userId, Instant connectedAt, long ttl) {

    /** API Gateway's limit on a WebSocket connection's duration. */
    public static final Duration MAX_DURATION = Duration.ofHours(2);

    /** A connection opened at that time, expiring when API Gateway would close it at the latest. */
    public static Connection opened(String connectionId, String userId, Instant connectedAt) {
        return new Connection(connectionId, userId, connectedAt, connectedAt.plus(MAX_DURATION).getEpochSecond());
    }

    public boolean isExpired(Instant now) {
        return ttl <= now.getEpochSecond();
    }
}
