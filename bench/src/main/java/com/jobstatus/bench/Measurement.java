package com.jobstatus.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What one probe JVM measured (see {@link Probe}), plus the machine's load when it started.
 *
 * @param lostCpuMillis CPU the thread sums missed against the kernel's tick count at the end (threads that
 *                      exited), for the report's sanity check; within ±10 ms it is the ticks' resolution
 * @param loadedClasses classes loaded by the end of the run, the JVM's management classes asked for it included
 * @param metaspaceKib  metaspace in use at the end of the run (Lambda's java11 runtime capped it at 10 % of memory)
 */
record Measurement(Scenario scenario, int round, long initCpuNanos, long initWallNanos, long firstCpuNanos,
                   long firstWallNanos, long warmCpuNanos, long warmWallNanos, int warmRequests, int failures,
                   long peakRssKib, long lostCpuMillis, long loadedClasses, long metaspaceKib, String jvm,
                   double loadAtStart) {

    static Measurement read(Scenario scenario, int round, Path resultFile, double loadAtStart) {
        Map<String, String> values = new HashMap<>();
        try {
            for (String line : Files.readAllLines(resultFile)) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    values.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long endCpuNanos = number(values, "endCpuNanos");
        return new Measurement(scenario, round,
                number(values, "initCpuNanos"), number(values, "initWallNanos"),
                number(values, "firstCpuNanos"), number(values, "firstWallNanos"),
                number(values, "warmCpuNanos"), number(values, "warmWallNanos"),
                (int) number(values, "warmRequests"), (int) number(values, "failures"),
                number(values, "peakRssKib"),
                number(values, "endTickCpuMillis") - endCpuNanos / 1_000_000,
                number(values, "loadedClasses"), number(values, "metaspaceKib"),
                values.getOrDefault("jvm", "?"), loadAtStart);
    }

    private static long number(Map<String, String> values, String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalStateException("the probe's result has no " + name + ": " + values);
        }
        return Long.parseLong(value);
    }

    /** Warm CPU per request in ms; NaN when the JVM stopped after its first request. */
    double warmCpuPerRequestMillis() {
        return warmRequests == 0 ? Double.NaN : warmCpuNanos / 1e6 / warmRequests;
    }

    /** Requests per second of wall time in the warm phase, one at a time as one Lambda instance serves them. */
    double warmRequestsPerSecond() {
        return warmRequests == 0 ? Double.NaN : warmRequests / (warmWallNanos / 1e9);
    }
}
