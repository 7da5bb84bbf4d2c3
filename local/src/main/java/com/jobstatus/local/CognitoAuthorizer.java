package com.jobstatus.local;

import com.jobstatus.auth.IdTokenVerifier;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The API's Cognito User Pools authorizer, emulated: it lets a request through only with an ID token of the
 * pool, checked by {@link IdTokenVerifier}, the same code the WebSocket API's authorizer runs (signature by a
 * key of the pool's JWKS, issuer, {@code token_use} = {@code id}, audience, {@code nbf}/{@code iat}, expiry).
 * This class adds what API Gateway adds: the token from the {@code Authorization} header, with or without
 * {@code Bearer }, and API Gateway's messages.
 */
final class CognitoAuthorizer {

    /** API Gateway's messages for a refused token. */
    static final String UNAUTHORIZED = "Unauthorized";
    static final String EXPIRED = "The incoming token has expired";
    static final Duration CLOCK_SKEW = IdTokenVerifier.CLOCK_SKEW;

    sealed interface Decision permits Allow, Deny {
    }

    /** @param claims the token's claims as JSON values (numbers for {@code exp}, {@code iat}) */
    record Allow(Map<String, Object> claims) implements Decision {
    }

    record Deny(String message) implements Decision {
    }

    private final IdTokenVerifier verifier;

    CognitoAuthorizer(IdTokenVerifier verifier) {
        this.verifier = verifier;
    }

    /** The same pool and keys, judged at another time (tests run it ahead to see a real token expire). */
    CognitoAuthorizer at(Clock other) {
        return new CognitoAuthorizer(verifier.at(other));
    }

    static String issuer(String region, String userPoolId) {
        return IdTokenVerifier.issuer(region, userPoolId);
    }

    /** @param authorization the request's {@code Authorization} header: the token, optionally after "Bearer " */
    Decision decide(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return new Deny(UNAUTHORIZED);
        }
        String token = authorization.strip();
        if (token.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
            token = token.substring("bearer ".length()).strip();
        }
        return switch (verifier.verify(token)) {
            case IdTokenVerifier.Verified verified -> new Allow(verified.claims());
            case IdTokenVerifier.Refused refused -> new Deny(refused.expired() ? EXPIRED : UNAUTHORIZED);
        };
    }
}
