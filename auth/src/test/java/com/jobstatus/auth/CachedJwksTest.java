package com.jobstatus.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Fetched once, fetched again for a key we do not know, but never more often than the interval allows. */
class CachedJwksTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Tokens.NOW);
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final AtomicInteger fetches = new AtomicInteger();
    private final AtomicReference<String> served = new AtomicReference<>(Tokens.jwks(Tokens.POOL_KEY));
    private final CachedJwks keys = new CachedJwks(() -> {
        fetches.incrementAndGet();
        String body = served.get();
        if (body == null) {
            throw new IOException("Cognito is down");
        }
        return body;
    }, clock);

    @Test
    void aKnownKeyIsServedFromTheCacheAndAnUnknownKidFetchesAgainAtMostOncePerInterval() {
        keys.refresh();
        assertNotNull(keys.key("pool-key"));
        assertNotNull(keys.key("pool-key"));
        assertEquals(1, fetches.get());

        RSAKey rotated = Tokens.rsaKey("rotated");
        served.set(Tokens.jwks(Tokens.POOL_KEY, rotated));
        assertNull(keys.key("rotated"), "within the interval: no fetch, so a flood of made-up kids costs nothing");
        assertNull(keys.key("made-up"));
        assertEquals(1, fetches.get());

        now.set(Tokens.NOW.plus(CachedJwks.REFETCH_INTERVAL));
        assertNotNull(keys.key("rotated"), "after the interval the pool's new key is fetched");
        assertEquals(2, fetches.get());
        assertNull(keys.key("made-up"));
        assertEquals(2, fetches.get());
    }

    @Test
    void aFailedFetchKeepsTheKeysAndIsTriedAgainSoon() {
        keys.refresh();
        served.set(null);
        now.set(Tokens.NOW.plus(CachedJwks.REFETCH_INTERVAL));
        assertNull(keys.key("rotated"));
        assertNotNull(keys.key("pool-key"), "the keys we had stay");
        assertEquals(2, fetches.get());

        served.set(Tokens.jwks(Tokens.POOL_KEY, Tokens.rsaKey("rotated")));
        assertNull(keys.key("rotated"), "not before the retry interval");
        now.set(now.get().plus(CachedJwks.RETRY_INTERVAL));
        assertNotNull(keys.key("rotated"));
        assertEquals(3, fetches.get());
    }
}
