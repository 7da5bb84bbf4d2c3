package com.jobstatus.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;
import java.util.function.UnaryOperator;

/** A user pool of our own for the tests: its key, its issuer, and ID tokens signed with it (or not). */
final class Tokens {

    static final Instant NOW = Instant.parse("2024-06-25T12:00:00Z");
    static final String ISSUER = IdTokenVerifier.issuer("us-east-1", "us-east-1_pool");
    static final String CLIENT = "client-1";
    static final RSAKey POOL_KEY = rsaKey("pool-key");

    private Tokens() {
    }

    static RSAKey rsaKey(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The pool's key set as Cognito serves it. */
    static String jwks(RSAKey... keys) {
        return new JWKSet(java.util.Arrays.stream(keys).map(k -> (com.nimbusds.jose.jwk.JWK) k.toPublicJWK()).toList())
                .toString();
    }

    static JWTClaimsSet.Builder idTokenClaims() {
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject("user-1")
                .audience(CLIENT)
                .claim("token_use", "id")
                .claim("cognito:username", "demo1")
                .issueTime(Date.from(NOW.minusSeconds(60)))
                .expirationTime(Date.from(NOW.plusSeconds(3600)));
    }

    static String sign(RSAKey key, UnaryOperator<JWTClaimsSet.Builder> claims) {
        return sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), key, claims);
    }

    static String sign(JWSHeader header, RSAKey key, UnaryOperator<JWTClaimsSet.Builder> claims) {
        try {
            SignedJWT jwt = new SignedJWT(header, claims.apply(idTokenClaims()).build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
