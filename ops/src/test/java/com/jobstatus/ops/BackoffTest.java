package com.jobstatus.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final List<Duration> paused = new ArrayList<>();
    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2), new Random(1),
            paused::add);

    @Test
    void delaysAreJitteredBelowAnExponentialCeilingThatStopsAtTheCap() {
        for (int retry = 1; retry <= 12; retry++) {
            Duration ceiling = Duration.ofMillis(Math.min(2000, 100L << (retry - 1)));
            Duration longest = Duration.ZERO;
            Duration shortest = ceiling;
            for (int i = 0; i < 2000; i++) {
                Duration delay = backoff.delay(retry);
                assertTrue(!delay.isNegative() && delay.compareTo(ceiling) <= 0, retry + ": " + delay);
                longest = delay.compareTo(longest) > 0 ? delay : longest;
                shortest = delay.compareTo(shortest) < 0 ? delay : shortest;
            }
            // full jitter: the whole range is used, not just a band under the ceiling
            assertTrue(longest.compareTo(ceiling.multipliedBy(9).dividedBy(10)) > 0, "retry " + retry);
            assertTrue(shortest.compareTo(ceiling.dividedBy(10)) < 0, "retry " + retry);
        }
    }

    @Test
    void aRetriedCallReturnsItsFirstSuccessAfterBackingOffBeforeEachRetry() throws Exception {
        AtomicInteger calls = new AtomicInteger();

        String result = backoff.retrying(5, () -> {
            if (calls.incrementAndGet() < 3) {
                throw new IllegalStateException("throttled");
            }
            return "done";
        });

        assertEquals("done", result);
        assertEquals(3, calls.get());
        assertEquals(2, paused.size());
    }

    @Test
    void aCallThatKeepsFailingGivesUpAfterTheLastAttemptWithTheLastFailure() {
        AtomicInteger calls = new AtomicInteger();
        IllegalStateException last = new IllegalStateException("still throttled");

        Backoff.GaveUp gaveUp = assertThrows(Backoff.GaveUp.class, () -> backoff.retrying(4, () -> {
            calls.incrementAndGet();
            throw last;
        }));

        assertEquals(4, calls.get());
        assertEquals(4, gaveUp.attempts());
        assertSame(last, gaveUp.getCause());
        assertEquals(3, paused.size(), "no pause after the last attempt");
    }
}
