package com.jobstatus.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The connect decision over seeded random pairs of token and origin, against the rule stated again here: a browser's
 * origin must be one of the allowed ones exactly (no origin: not a browser, nothing to check), then the token must
 * verify and name its user. Every failure names its seed and pair.
 */
class ConnectAuthorizerTest {

    private static final Set<String> ALLOWED = Set.of("https://video.deepfoundai.com", "http://localhost:5173");
    private static final IdTokenVerifier VERIFIER = new IdTokenVerifier(Jwks.parse(Tokens.jwks(Tokens.POOL_KEY)),
            Tokens.ISSUER, Set.of(Tokens.CLIENT), Clock.fixed(Tokens.NOW, ZoneOffset.UTC));
    private static final ConnectAuthorizer AUTHORIZER = new ConnectAuthorizer(VERIFIER, ALLOWED);

    private static final List<String> TOKENS = Arrays.asList(
            Tokens.sign(Tokens.POOL_KEY, c -> c),
            Tokens.sign(Tokens.POOL_KEY, c -> c.subject("user-2")),
            Tokens.sign(Tokens.POOL_KEY, c -> c.subject(" ")),
            Tokens.sign(Tokens.POOL_KEY, c -> c.subject(null)),
            Tokens.sign(Tokens.POOL_KEY, c -> c.audience("another-client")),
            Tokens.sign(Tokens.POOL_KEY, c -> c.expirationTime(java.util.Date.from(Tokens.NOW.minusSeconds(1)))),
            Tokens.sign(Tokens.rsaKey(Tokens.POOL_KEY.getKeyID()), c -> c),
            "garbage", "", null);
    private static final List<String> ORIGINS = Arrays.asList(null, "https://video.deepfoundai.com",
            "http://localhost:5173", "https://evil.example.com", "null", "https://video.deepfoundai.com/",
            "HTTPS://VIDEO.DEEPFOUNDAI.COM", "http://localhost:5174");

    @Test
    void aConnectIsAllowedExactlyWhenTheOriginIsNoneOrAllowedAndTheTokenVerifiesWithAUser() {
        Set<String> seen = new java.util.TreeSet<>();
        for (long seed = 1; seed <= 2_000; seed++) {
            Random random = new Random(seed);
            String token = TOKENS.get(random.nextInt(TOKENS.size()));
            String origin = ORIGINS.get(random.nextInt(ORIGINS.size()));
            String pair = "seed " + seed + ": origin " + origin + ", token #" + TOKENS.indexOf(token);

            ConnectAuthorizer.Decision decision = AUTHORIZER.decide(token, origin);

            assertEquals(expected(token, origin), decision, pair);
            seen.add(decision instanceof ConnectAuthorizer.Deny deny ? deny.reason().replaceAll(":.*| .*", "") : "allowed");
            if (decision instanceof ConnectAuthorizer.Deny deny && token != null && !token.isEmpty()) {
                assertFalse(deny.reason().contains(token), "a reason never repeats the token: " + pair);
            }
        }
        assertEquals(Set.of("allowed", "origin", "token"), seen, "every branch of the rule was taken");
    }

    /** The rule, written out again from its statement rather than from the code. */
    private static ConnectAuthorizer.Decision expected(String token, String origin) {
        if (origin != null && !ALLOWED.contains(origin)) {
            return new ConnectAuthorizer.Deny("origin " + origin + " is not allowed");
        }
        return switch (VERIFIER.verify(token)) {
            case IdTokenVerifier.Refused refused -> new ConnectAuthorizer.Deny("token refused: " + refused.reason());
            case IdTokenVerifier.Verified verified when verified.claims().get("sub") instanceof String sub
                    && !sub.isBlank() -> new ConnectAuthorizer.Allow(sub, verified.claims());
            case IdTokenVerifier.Verified verified -> new ConnectAuthorizer.Deny("token refused: no sub");
        };
    }
}
