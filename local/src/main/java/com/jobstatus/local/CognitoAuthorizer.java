package com.jobstatus.local;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The API's Cognito User Pools authorizer, emulated: it lets a request through only with an ID token of the
 * pool, checked as API Gateway checks it. Signature (RS256, a key of the pool's JWKS by {@code kid}), issuer
 * (the pool), {@code token_use} = {@code id}, audience (an app client of the pool), not yet valid ({@code nbf}
 * ahead, {@code iat} more than {@link #CLOCK_SKEW} ahead) and expiry. A pure decision over the header value: the
 * keys are fetched once, at start, by the caller.
 */
final class CognitoAuthorizer {

    /** API Gateway's messages for a refused token. */
    static final String UNAUTHORIZED = "Unauthorized";
    static final String EXPIRED = "The incoming token has expired";
    /**
     * How far ahead of this clock a token's {@code iat} may be: the issuer's clock may run a little ahead of ours,
     * but a token issued minutes from now was minted ahead of time, not by a clock off by seconds.
     */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    sealed interface Decision permits Allow, Deny {
    }

    /** @param claims the token's claims as JSON values (numbers for {@code exp}, {@code iat}) */
    record Allow(Map<String, Object> claims) implements Decision {
    }

    record Deny(String message) implements Decision {
    }

    private final JWKSet keys;
    private final String issuer;
    private final Set<String> appClientIds;
    private final Clock clock;

    /**
     * @param issuer       {@code https://cognito-idp.{region}.amazonaws.com/{userPoolId}}, the pool's issuer
     * @param appClientIds the pool's app clients: a REST API's Cognito authorizer accepts ID tokens of any of them
     */
    CognitoAuthorizer(JWKSet keys, String issuer, Set<String> appClientIds, Clock clock) {
        this.keys = keys;
        this.issuer = issuer;
        this.appClientIds = Set.copyOf(appClientIds);
        this.clock = clock;
    }

    /** The same pool and keys, judged at another time (tests run it ahead to see a real token expire). */
    CognitoAuthorizer at(Clock other) {
        return new CognitoAuthorizer(keys, issuer, appClientIds, other);
    }

    static String issuer(String region, String userPoolId) {
        return "https://cognito-idp." + region + ".amazonaws.com/" + userPoolId;
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
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
                return new Deny(UNAUTHORIZED);
            }
            JWK key = jwt.getHeader().getKeyID() == null ? null : keys.getKeyByKeyId(jwt.getHeader().getKeyID());
            if (!(key instanceof RSAKey rsa) || !jwt.verify(new RSASSAVerifier(rsa))) {
                return new Deny(UNAUTHORIZED);
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            if (!issuer.equals(claims.getIssuer())
                    || !"id".equals(claims.getClaim("token_use"))
                    || claims.getAudience().stream().noneMatch(appClientIds::contains)) {
                return new Deny(UNAUTHORIZED);
            }
            Instant now = clock.instant();
            if (notYetValid(claims, now)) {
                return new Deny(UNAUTHORIZED);
            }
            Date expiry = claims.getExpirationTime();
            if (expiry == null || !now.isBefore(expiry.toInstant())) {
                return new Deny(EXPIRED);
            }
            return new Allow(claims.toJSONObject());
        } catch (ParseException | JOSEException e) {
            // not a JWT, a malformed one, or a key that cannot verify: all one answer, as API Gateway gives
            return new Deny(UNAUTHORIZED);
        }
    }

    /**
     * Cognito never sets {@code nbf}: a token that has one says itself when it starts to count, so it is held to
     * it exactly. {@code iat} is only a stamp of the issuer's clock, so it gets the skew.
     */
    private static boolean notYetValid(JWTClaimsSet claims, Instant now) {
        Date notBefore = claims.getNotBeforeTime();
        Date issuedAt = claims.getIssueTime();
        return (notBefore != null && now.isBefore(notBefore.toInstant()))
                || (issuedAt != null && issuedAt.toInstant().isAfter(now.plus(CLOCK_SKEW)));
    }
}
