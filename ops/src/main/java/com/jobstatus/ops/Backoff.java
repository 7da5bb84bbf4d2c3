package com.jobstatus.ops;

import java.time.Duration;
import java.util.Random;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: before retry {@code n} wait a random time between 0 and
 * {@code min(cap, base * 2^(n-1))}. The random spread keeps batches (and other clients) that failed
 * together from retrying together ("Exponential Backoff And Jitter", AWS Architecture Blog).
 */
final class Backoff {

    /** Waits; tests pass one that records instead of sleeping. */
    interface Pause {
        void pause(Duration duration);
    }

    static final Pause SLEEP = duration -> {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while backing off", e);
        }
    };

    /** A retried call failed every time; {@code last} is its last failure. */
    static final class GaveUp extends Exception {
        private final int attempts;

        GaveUp(int attempts, RuntimeException last) {
            super(last.getMessage(), last);
            this.attempts = attempts;
        }

        int attempts() {
            return attempts;
        }
    }

    private final Duration base;
    private final Duration cap;
    private final RandomGenerator random;
    private final Pause pause;

    Backoff(Duration base, Duration cap, RandomGenerator random, Pause pause) {
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < base <= cap, was " + base + " and " + cap);
        }
        this.base = base;
        this.cap = cap;
        this.random = random;
        this.pause = pause;
    }

    /** 200 ms doubling up to 20 s: about a minute of retries over eight attempts. */
    static Backoff standard() {
        return new Backoff(Duration.ofMillis(200), Duration.ofSeconds(20), new Random(), SLEEP);
    }

    /** How long to wait before retry {@code retry} (1 for the first retry). */
    Duration delay(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retries count from 1, was " + retry);
        }
        long ceiling = base.toNanos() << Math.min(retry - 1, 40);
        long bound = Math.min(cap.toNanos(), ceiling <= 0 ? Long.MAX_VALUE : ceiling);
        return Duration.ofNanos(random.nextLong(bound + 1));
    }

    void pauseBefore(int retry) {
        pause.pause(delay(retry));
    }

    /**
     * Calls until the call returns, retrying a runtime failure after a backoff, {@code maxAttempts} calls in
     * all. For calls that fail only transiently: anything the call wants to report is its result, not an
     * exception.
     */
    <T> T retrying(int maxAttempts, Supplier<T> call) throws GaveUp {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (RuntimeException e) {
                if (attempt >= maxAttempts) {
                    throw new GaveUp(attempt, e);
                }
                pauseBefore(attempt);
            }
        }
    }
}
