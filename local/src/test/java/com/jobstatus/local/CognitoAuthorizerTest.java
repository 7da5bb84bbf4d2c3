package com.jobstatus.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.jobstatus.auth.IdTokenVerifier;
import com.jobstatus.auth.Jwks;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The authorizer decision against tokens signed here, with the pool's key and with others: API Gateway's answers
 * over the shared verifier (whose own matrix is auth's IdTokenVerifierTest).
 */
class CognitoAuthorizerTest {

    private static final Instant NOW = Instant.parse("2024-06-25T12:00:00Z");
    private static final String ISSUER = CognitoAuthorizer.issuer("us-east-1", "us-east-1_pool");
    private static final RSAKey POOL_KEY = rsaKey("pool-key");
    private static final CognitoAuthorizer AUTHORIZER = new CognitoAuthorizer(new IdTokenVerifier(
            Jwks.parse(new JWKSet(POOL_KEY.toPublicJWK()).toString()), ISSUER, Set.of("client-1"),
            Clock.fixed(NOW, ZoneOffset.UTC)));

    private static RSAKey rsaKey(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JWTClaimsSet.Builder idTokenClaims() {
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject("user-1")
                .audience("client-1")
                .claim("token_use", "id")
                .claim("cognito:username", "demo1")
                .issueTime(Date.from(NOW.minusSeconds(60)))
                .expirationTime(Date.from(NOW.plusSeconds(3600)));
    }

    private static String sign(RSAKey key, UnaryOperator<JWTClaimsSet.Builder> claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                claims.apply(idTokenClaims()).build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    @Test
    void anIdTokenOfThePoolIsAllowedWithItsClaims() throws JOSEException {
        String token = sign(POOL_KEY, c -> c);
        CognitoAuthorizer.Allow allow = assertInstanceOf(CognitoAuthorizer.Allow.class, AUTHORIZER.decide(token));
        assertEquals("user-1", allow.claims().get("sub"));
        assertEquals("demo1", allow.claims().get("cognito:username"));
        assertInstanceOf(CognitoAuthorizer.Allow.class, AUTHORIZER.decide("Bearer " + token));
    }

    @Test
    void noTokenOrNotAJwtIsUnauthorized() {
        assertDenied(CognitoAuthorizer.UNAUTHORIZED, null);
        assertDenied(CognitoAuthorizer.UNAUTHORIZED, " ");
        assertDenied(CognitoAuthorizer.UNAUTHORIZED, "not-a-token");
        assertDenied(CognitoAuthorizer.UNAUTHORIZED, "a.b.c");
    }

    @Test
    void theSameClaimsSignedByAnotherKeyAreUnauthorized() throws JOSEException {
        // same kid as the pool's key: only the signature can tell them apart
        assertDenied(CognitoAuthorizer.UNAUTHORIZED, sign(rsaKey("pool-key"), c -> c));
        assertDenied(CognitoAuthorizer.UNAUTHORIZED, sign(rsaKey("other-kid"), c -> c));
    }

    @Test
    void aTokenSignedWithAnHmacIsUnauthorized() throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("pool-key").build(),
                idTokenClaims().build());
        jwt.sign(new MACSigner(new byte[32]));
        assertDenied(CognitoAuthorizer.UNAUTHORIZED, jwt.serialize());
    }

    @Test
    void anotherIssuerAnAccessTokenOrAnotherAudienceIsUnauthorized() throws JOSEException {
        assertDenied(CognitoAuthorizer.UNAUTHORIZED, sign(POOL_KEY, c -> c.issuer(CognitoAuthorizer.issuer("us-east-1", "other"))));
        assertDenied(CognitoAuthorizer.UNAUTHORIZED, sign(POOL_KEY, c -> c.claim("token_use", "access")));
        assertDenied(CognitoAuthorizer.UNAUTHORIZED, sign(POOL_KEY, c -> c.audience("client-2")));
    }

    @Test
    void anExpiredTokenIsUnauthorizedWithApiGatewaysExpiryMessage() throws JOSEException {
        assertDenied(CognitoAuthorizer.EXPIRED, sign(POOL_KEY, c -> c.expirationTime(Date.from(NOW))));
        assertDenied(CognitoAuthorizer.EXPIRED, sign(POOL_KEY, c -> c.expirationTime(null)));
        String valid = sign(POOL_KEY, c -> c);
        assertEquals(new CognitoAuthorizer.Deny(CognitoAuthorizer.EXPIRED),
                AUTHORIZER.at(Clock.fixed(NOW.plusSeconds(3600), ZoneOffset.UTC)).decide(valid));
    }

    @Test
    void aTokenNotYetValidIsUnauthorized() throws JOSEException {
        assertDenied(CognitoAuthorizer.UNAUTHORIZED, sign(POOL_KEY, c -> c.notBeforeTime(Date.from(NOW.plusSeconds(1)))));
        assertDenied(CognitoAuthorizer.UNAUTHORIZED, sign(POOL_KEY, c -> c.notBeforeTime(Date.from(NOW.plusSeconds(3600)))));
        assertDenied(CognitoAuthorizer.UNAUTHORIZED,
                sign(POOL_KEY, c -> c.issueTime(Date.from(NOW.plus(CognitoAuthorizer.CLOCK_SKEW).plusSeconds(1)))));
        // not yet valid wins over expired: the message must not suggest that signing in again would help
        assertDenied(CognitoAuthorizer.UNAUTHORIZED, sign(POOL_KEY, c -> c
                .notBeforeTime(Date.from(NOW.plusSeconds(60))).expirationTime(Date.from(NOW.minusSeconds(60)))));
    }

    @Test
    void aTokenValidFromNowOrIssuedWithinTheSkewIsAllowed() throws JOSEException {
        // the edges of the check above, so that it cannot be refusing every token with these claims
        assertInstanceOf(CognitoAuthorizer.Allow.class,
                AUTHORIZER.decide(sign(POOL_KEY, c -> c.notBeforeTime(Date.from(NOW)))));
        assertInstanceOf(CognitoAuthorizer.Allow.class,
                AUTHORIZER.decide(sign(POOL_KEY, c -> c.issueTime(Date.from(NOW.plus(CognitoAuthorizer.CLOCK_SKEW))))));
    }

    private static void assertDenied(String message, String header) {
        assertEquals(new CognitoAuthorizer.Deny(message), AUTHORIZER.decide(header), String.valueOf(header));
    }
}
