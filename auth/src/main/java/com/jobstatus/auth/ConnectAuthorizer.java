package com.jobstatus.auth;

import java.util.Map;
import java.util.Set;

/**
 * Who may open a WebSocket connection: the holder of a valid ID token of the pool ({@link IdTokenVerifier}), from
 * no browser or from a browser on an allowed origin. Browsers do not apply CORS to WebSockets, so the origin check
 * the REST API gets from the browser is made here; clients outside a browser send no {@code Origin}. A pure
 * decision over plain values; the handler translates API Gateway's event and answer.
 */
public final class ConnectAuthorizer {

    public sealed interface Decision permits Allow, Deny {
    }

    /** @param userId the caller's {@code sub}, which every pushed job must belong to */
    public record Allow(String userId, Map<String, Object> claims) implements Decision {
    }

    /** @param reason for the log; the caller learns only that it was refused */
    public record Deny(String reason) implements Decision {
    }

    private final IdTokenVerifier verifier;
    private final Set<String> allowedOrigins;

    public ConnectAuthorizer(IdTokenVerifier verifier, Set<String> allowedOrigins) {
        this.verifier = verifier;
        this.allowedOrigins = Set.copyOf(allowedOrigins);
    }

    /**
     * @param token  the {@code token} query parameter (browsers cannot set headers on a WebSocket), or null
     * @param origin the {@code Origin} header, or null when the client is not a browser
     */
    public Decision decide(String token, String origin) {
        if (origin != null && !allowedOrigins.contains(origin)) {
            return new Deny("origin " + origin + " is not allowed");
        }
        return switch (verifier.verify(token)) {
            case IdTokenVerifier.Refused refused -> new Deny("token refused: " + refused.reason());
            case IdTokenVerifier.Verified verified -> verified.subject() == null || verified.subject().isBlank()
                    ? new Deny("token refused: no sub")
                    : new Allow(verified.subject(), verified.claims());
        };
    }
}
