package com.jobstatus.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.jobstatus.schemas.Json;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A JSON Web Key Set (RFC 7517) as Cognito serves it at {@code {issuer}/.well-known/jwks.json}: the RSA
 * signature keys by {@code kid}. Keys for other uses or algorithms are left out, so they can never verify a token.
 */
public record Jwks(Map<String, RSAPublicKey> keys) implements SigningKeys {

    public Jwks {
        keys = Map.copyOf(keys);
    }

    /** @throws IllegalArgumentException when the text is not a key set */
    public static Jwks parse(String json) {
        JsonNode set;
        try {
            set = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
        if (!set.path("keys").isArray()) {
            throw new IllegalArgumentException("a key set has a 'keys' array");
        }
        Map<String, RSAPublicKey> keys = new LinkedHashMap<>();
        for (JsonNode key : set.path("keys")) {
            boolean rsaSignature = "RSA".equals(key.path("kty").asText())
                    && "sig".equals(key.path("use").asText("sig"))
                    && "RS256".equals(key.path("alg").asText("RS256"));
            if (rsaSignature && key.path("kid").isTextual() && key.path("n").isTextual() && key.path("e").isTextual()) {
                keys.put(key.path("kid").asText(), rsaKey(key.path("n").asText(), key.path("e").asText()));
            }
        }
        return new Jwks(keys);
    }

    @Override
    public RSAPublicKey key(String kid) {
        return keys.get(kid);
    }

    private static RSAPublicKey rsaKey(String modulus, String exponent) {
        try {
            Base64.Decoder base64url = Base64.getUrlDecoder();
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                    new BigInteger(1, base64url.decode(modulus)), new BigInteger(1, base64url.decode(exponent))));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("an RSA key that is not one: " + e.getMessage(), e);
        }
    }
}
