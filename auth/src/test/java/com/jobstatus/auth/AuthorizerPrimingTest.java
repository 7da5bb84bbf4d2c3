package com.jobstatus.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AuthorizerPrimingTest {

    @Test
    void primingTakesTheExampleConnectThroughTheVerifiersSignatureCheckWithoutFetchingKeys() {
        AtomicInteger fetches = new AtomicInteger();
        CachedJwks keys = new CachedJwks(() -> {
            fetches.incrementAndGet();
            return Tokens.jwks(Tokens.POOL_KEY);
        }, Clock.systemUTC());
        keys.refresh(); // INIT
        ConnectAuthorizer authorizer = new ConnectAuthorizer(new IdTokenVerifier(keys, Tokens.ISSUER,
                Set.of(Tokens.CLIENT), Clock.fixed(Tokens.NOW, ZoneOffset.UTC)), Set.of("https://video.deepfoundai.com"));

        ConnectAuthorizer.Deny refused = assertInstanceOf(ConnectAuthorizer.Deny.class,
                new AuthorizerPriming(authorizer, keys).run());

        assertEquals("token refused: signature does not verify with the pool's key", refused.reason(),
                "as far as a real token goes");
        assertEquals(1, fetches.get(), "the keys fetched in INIT serve");
    }
}
