package com.jobstatus.auth;

import static com.jobstatus.auth.Tokens.NOW;
import static com.jobstatus.auth.Tokens.POOL_KEY;
import static com.jobstatus.auth.Tokens.sign;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The verifier against tokens signed here with the pool's key and with others: the same bad tokens as the REST
 * authorizer's matrix (reliability TokenMatrixIT), each refused for the one thing wrong in it.
 */
class IdTokenVerifierTest {

    private static final IdTokenVerifier VERIFIER = new IdTokenVerifier(Jwks.parse(Tokens.jwks(POOL_KEY)),
            Tokens.ISSUER, Set.of(Tokens.CLIENT, "client-2"), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void anIdTokenOfThePoolIsVerifiedWithItsClaims() {
        IdTokenVerifier.Verified verified = assertInstanceOf(IdTokenVerifier.Verified.class,
                VERIFIER.verify(sign(POOL_KEY, c -> c)));
        assertEquals("user-1", verified.subject());
        assertEquals("demo1", verified.claims().get("cognito:username"));
        assertEquals(NOW.plusSeconds(3600).getEpochSecond(), ((Number) verified.claims().get("exp")).longValue());
        // any of the configured app clients, and an audience list that contains one
        assertVerified(sign(POOL_KEY, c -> c.audience("client-2")));
        assertVerified(sign(POOL_KEY, c -> c.audience(List.of("other", Tokens.CLIENT))));
    }

    @Test
    void noTokenGarbageAndBrokenJwtsAreRefused() {
        for (String token : List.of("", " ", "definitely not a token", "a.b.c", "a.b", "a.b.c.d",
                "x".repeat(IdTokenVerifier.MAX_TOKEN_LENGTH + 1))) {
            assertRefused(token, false);
        }
        assertRefused(null, false);
        String real = sign(POOL_KEY, c -> c);
        assertRefused(real.substring(0, real.lastIndexOf('.') + 1), false); // signature stripped
        assertRefused(real + "x", false); // signature changed
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefusedEvenUnderThePoolsKid() {
        assertRefused(sign(Tokens.rsaKey("pool-key"), c -> c), false);
        assertRefused(sign(Tokens.rsaKey("other-kid"), c -> c), false);
    }

    @Test
    void aKeyCarriedInTheTokenIsNeverTrusted() {
        var other = Tokens.rsaKey("pool-key");
        assertRefused(sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("pool-key").jwk(other.toPublicJWK()).build(),
                other, c -> c), false);
    }

    @Test
    void algNoneAndHmacSignedTokensAreRefused() throws JOSEException {
        assertRefused(new PlainJWT(new PlainHeader(), Tokens.idTokenClaims().build()).serialize(), false);
        // the algorithm-confusion attack: HS256 keyed with the pool's public key
        for (byte[] secret : List.of(POOL_KEY.toRSAPublicKey().getEncoded(), new byte[32])) {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("pool-key").build(),
                    Tokens.idTokenClaims().build());
            jwt.sign(new MACSigner(secret));
            assertRefused(jwt.serialize(), false);
        }
    }

    @Test
    void aCriticalHeaderExtensionIsRefused() {
        assertRefused(sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("pool-key")
                .criticalParams(Set.of("exp-ext")).customParam("exp-ext", 1).build(), POOL_KEY, c -> c), false);
    }

    @Test
    void anotherIssuerAnAccessTokenOrAnotherAudienceIsRefused() {
        assertRefused(sign(POOL_KEY, c -> c.issuer(IdTokenVerifier.issuer("us-east-1", "us-east-1_other"))), false);
        assertRefused(sign(POOL_KEY, c -> c.claim("token_use", "access")), false);
        assertRefused(sign(POOL_KEY, c -> c.audience("client-3")), false);
        // a real access token names its client in client_id and has no aud
        assertRefused(sign(POOL_KEY, c -> c.claim("token_use", "access").audience((String) null)
                .claim("client_id", Tokens.CLIENT)), false);
    }

    @Test
    void anExpiredTokenIsRefusedAsExpired() {
        assertRefused(sign(POOL_KEY, c -> c.expirationTime(Date.from(NOW))), true);
        assertRefused(sign(POOL_KEY, c -> c.expirationTime(null)), true);
        String valid = sign(POOL_KEY, c -> c);
        IdTokenVerifier.Refused later = assertInstanceOf(IdTokenVerifier.Refused.class,
                VERIFIER.at(Clock.fixed(NOW.plusSeconds(3600), ZoneOffset.UTC)).verify(valid));
        assertTrue(later.expired());
    }

    @Test
    void aTokenNotYetValidIsRefusedNotAsExpired() {
        assertRefused(sign(POOL_KEY, c -> c.notBeforeTime(Date.from(NOW.plusSeconds(1)))), false);
        assertRefused(sign(POOL_KEY, c -> c.issueTime(Date.from(NOW.plus(IdTokenVerifier.CLOCK_SKEW).plusSeconds(1)))),
                false);
        // not yet valid wins over expired: the message must not suggest that signing in again would help
        assertRefused(sign(POOL_KEY, c -> c.notBeforeTime(Date.from(NOW.plusSeconds(60)))
                .expirationTime(Date.from(NOW.minusSeconds(60)))), false);
        // edges: valid from now, issued at the end of the skew
        assertVerified(sign(POOL_KEY, c -> c.notBeforeTime(Date.from(NOW))));
        assertVerified(sign(POOL_KEY, c -> c.issueTime(Date.from(NOW.plus(IdTokenVerifier.CLOCK_SKEW)))));
    }

    @Test
    void aDateClaimThatIsNotANumberIsRefused() {
        assertRefused(resignedPayload("\"exp\":\"tomorrow\""), false);
        assertRefused(resignedPayload("\"nbf\":\"now\""), false);
        // absurd dates are only far away, never a crash
        assertRefused(resignedPayload("\"exp\":-1e300"), true);
        assertVerified(resignedPayload("\"exp\":1e300"));
    }

    /** The ID token's claims as raw JSON plus one more member, signed with the pool's key. */
    private static String resignedPayload(String member) {
        String claims = Tokens.idTokenClaims().expirationTime(null).build().toString();
        String payload = claims.substring(0, claims.length() - 1) + "," + member + "}";
        try {
            var jws = new com.nimbusds.jose.JWSObject(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("pool-key").build(),
                    new com.nimbusds.jose.Payload(payload));
            jws.sign(new com.nimbusds.jose.crypto.RSASSASigner(POOL_KEY));
            return jws.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theKeySetKeepsOnlyRsaSignatureKeys() {
        String set = "{\"keys\":[" + POOL_KEY.toPublicJWK() + ","
                + "{\"kty\":\"RSA\",\"kid\":\"enc\",\"use\":\"enc\",\"n\":\"AQAB\",\"e\":\"AQAB\"},"
                + "{\"kty\":\"EC\",\"kid\":\"ec\",\"crv\":\"P-256\",\"x\":\"AA\",\"y\":\"AA\"}]}";
        assertEquals(Set.of("pool-key"), Jwks.parse(set).keys().keySet());
        assertFalse(Jwks.parse("{\"keys\":[]}").keys().containsKey("pool-key"));
        for (String bad : List.of("[]", "{}", "not json")) {
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Jwks.parse(bad), bad);
        }
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"alg\":\"RS256\",\"kid\":\"enc\"}".getBytes(StandardCharsets.UTF_8));
        assertRefused(header + ".e30.AAAA", false);
    }

    private static void assertVerified(String token) {
        assertInstanceOf(IdTokenVerifier.Verified.class, VERIFIER.verify(token), token);
    }

    private static void assertRefused(String token, boolean expired) {
        IdTokenVerifier.Refused refused = assertInstanceOf(IdTokenVerifier.Refused.class, VERIFIER.verify(token),
                String.valueOf(token));
        assertEquals(expired, refused.expired(), refused.reason());
        assertFalse(refused.reason().contains(token == null || token.isBlank() ? "\u0000" : token),
                "the reason never repeats the token");
    }
}
