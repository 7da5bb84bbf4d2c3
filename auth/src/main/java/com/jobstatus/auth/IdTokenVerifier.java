package com.jobstatus.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.jobstatus.schemas.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Verifies a Cognito user pool ID token as API Gateway's Cognito authorizer does: RS256 signature by a key of
 * the pool's key set (chosen by {@code kid}; a key or URL named inside the token is never trusted), issuer =
 * the pool, {@code token_use} = {@code id}, audience = one of the pool's app clients, not before {@code nbf},
 * {@code iat} at most {@link #CLOCK_SKEW} ahead, and before {@code exp}. One piece of code for the WebSocket
 * authorizer (WsAuthorizerFn) and the local stack's emulation of the REST API's authorizer.
 *
 * <p>Plain JDK ({@link Signature}, SHA256withRSA) and the one Jackson mapper: nothing more to load in a
 * Lambda's cold start. Thread-safe.
 */
public final class IdTokenVerifier {

    /**
     * How far ahead of this clock a token's {@code iat} may be: the issuer's clock may run a little ahead of ours,
     * but a token issued minutes from now was minted ahead of time, not by a clock off by seconds.
     */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    /** Far above any Cognito ID token (a few KB even with many groups); bounds the work a hostile one costs. */
    static final int MAX_TOKEN_LENGTH = 16 * 1024;
    private static final double FAR_SECONDS = 1e12;
    private static final List<String> DATE_CLAIMS = List.of("exp", "nbf", "iat");

    /** What {@link #verify} found. */
    public sealed interface Result permits Verified, Refused {
    }

    /** @param claims the token's claims as JSON values (numbers for {@code exp}, {@code iat}; lists for arrays) */
    public record Verified(Map<String, Object> claims) implements Result {
        /** The user's id: the pool's {@code sub}. */
        public String subject() {
            return claims.get("sub") instanceof String sub ? sub : null;
        }
    }

    /**
     * @param reason  why, for the log (never shown to the caller, never containing the token)
     * @param expired the token was right in every way but its age: API Gateway answers it with its own message
     */
    public record Refused(String reason, boolean expired) implements Result {
    }

    private final SigningKeys keys;
    private final String issuer;
    private final Set<String> audiences;
    private final Clock clock;

    /**
     * @param issuer    {@code https://cognito-idp.{region}.amazonaws.com/{userPoolId}}: see {@link #issuer}
     * @param audiences the app client ids whose ID tokens are accepted
     */
    public IdTokenVerifier(SigningKeys keys, String issuer, Set<String> audiences, Clock clock) {
        this.keys = keys;
        this.issuer = issuer;
        this.audiences = Set.copyOf(audiences);
        this.clock = clock;
    }

    /** The same keys, issuer and audiences, judged at another time (tests run it ahead to see a token expire). */
    public IdTokenVerifier at(Clock other) {
        return new IdTokenVerifier(keys, issuer, audiences, other);
    }

    /** The issuer Cognito writes into the pool's tokens. */
    public static String issuer(String region, String userPoolId) {
        return "https://cognito-idp." + region + ".amazonaws.com/" + userPoolId;
    }

    public Result verify(String token) {
        if (token == null || token.isBlank()) {
            return refused("no token");
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            return refused("token longer than " + MAX_TOKEN_LENGTH + " characters");
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
            return refused("not a signed JWT (three non-empty parts)");
        }
        JsonNode header = json(parts[0]);
        if (header == null) {
            return refused("header is not base64url JSON");
        }
        if (!"RS256".equals(header.path("alg").asText(null))) {
            return refused("algorithm is not RS256");
        }
        if (header.has("crit")) {
            // RFC 7515 4.1.11: extensions we do not understand must not be ignored; Cognito sets none
            return refused("header has critical extensions");
        }
        String kid = header.path("kid").asText(null);
        RSAPublicKey key = kid == null ? null : keys.key(kid);
        if (key == null) {
            return refused("no key of the pool has the token's kid");
        }
        if (!signatureMatches(parts, key)) {
            return refused("signature does not verify with the pool's key");
        }
        JsonNode claims = json(parts[1]);
        if (claims == null) {
            return refused("payload is not base64url JSON");
        }
        if (!issuer.equals(claims.path("iss").asText(null))) {
            return refused("issuer is not the pool");
        }
        if (!"id".equals(claims.path("token_use").asText(null))) {
            return refused("token_use is not id");
        }
        if (!hasAudience(claims.path("aud"))) {
            return refused("audience is not an app client of the pool");
        }
        for (String date : DATE_CLAIMS) {
            if (claims.has(date) && !claims.get(date).isNull() && !claims.get(date).isNumber()) {
                return refused(date + " is not a NumericDate");
            }
        }
        Instant now = clock.instant();
        // Cognito never sets nbf: a token that has one says itself when it starts to count, so it is held to it
        // exactly; iat is only a stamp of the issuer's clock, so it gets the skew
        Instant notBefore = instant(claims, "nbf");
        Instant issuedAt = instant(claims, "iat");
        if ((notBefore != null && now.isBefore(notBefore))
                || (issuedAt != null && issuedAt.isAfter(now.plus(CLOCK_SKEW)))) {
            return refused("not yet valid (nbf or iat ahead)");
        }
        Instant expiry = instant(claims, "exp");
        if (expiry == null || !now.isBefore(expiry)) {
            return new Refused(expiry == null ? "no expiry" : "expired", true);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> values = Json.MAPPER.convertValue(claims, Map.class);
        return new Verified(values);
    }

    private static Refused refused(String reason) {
        return new Refused(reason, false);
    }

    private static boolean signatureMatches(String[] parts, RSAPublicKey key) {
        try {
            byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(key);
            verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private boolean hasAudience(JsonNode aud) {
        if (aud.isTextual()) {
            return audiences.contains(aud.asText());
        }
        if (aud.isArray()) {
            for (JsonNode one : aud) {
                if (one.isTextual() && audiences.contains(one.asText())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A NumericDate claim (RFC 7519: seconds, possibly fractional), or null when absent. */
    private static Instant instant(JsonNode claims, String name) {
        JsonNode value = claims.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        // any date beyond some 30,000 years either way means the same to us as that bound
        return Instant.ofEpochSecond((long) Math.clamp(Math.floor(value.asDouble()), -FAR_SECONDS, FAR_SECONDS));
    }

    private static JsonNode json(String base64url) {
        try {
            JsonNode node = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(base64url));
            return node != null && node.isObject() ? node : null;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }
}
