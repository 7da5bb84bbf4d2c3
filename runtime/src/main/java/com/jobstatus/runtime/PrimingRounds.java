package com.jobstatus.runtime;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * Priming's loop, the same for every function that primes through its own handler (docs/DESIGN.md §10): Powertools
 * primed, then up to {@code rounds} rounds of the function's requests, quietly ({@link Quietly}), stopping at the
 * first round that does not come out as expected; then one {@code primed} line, or a failure that says what came out.
 */
public final class PrimingRounds {

    private PrimingRounds() {
    }

    /**
     * @param unit     what a round's items are, for the log line ({@code requests}, {@code events})
     * @param round    runs one round through the handler and returns what each request came out as
     * @param expected what every round must come out as
     * @return the last round's outcome, {@code expected}
     */
    public static <T> List<T> run(Logger log, String unit, int rounds, Supplier<List<T>> round, List<T> expected) {
        long start = System.nanoTime();
        Telemetry.prime();
        AtomicReference<List<T>> last = new AtomicReference<>(List.of());
        Quietly.run(() -> {
            for (int i = 0; i < rounds && (i == 0 || last.get().equals(expected)); i++) {
                last.set(round.get());
            }
        });
        if (!last.get().equals(expected)) {
            throw new IllegalStateException("priming's " + unit + " came out " + last.get() + ", not " + expected);
        }
        log.info("primed", entry("rounds", rounds), entry(unit, rounds * expected.size()),
                entry("cpuMillis", (System.nanoTime() - start) / 1_000_000));
        return List.copyOf(expected);
    }
}
