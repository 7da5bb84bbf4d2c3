package com.jobstatus.bench;

/**
 * What one process of a column measured, from the {@link RuntimeApi}'s readings: CPU in ms, memory in MiB.
 *
 * <p>Request {@code 1} is the first request; the "first 1,000" window is requests {@code 2 .. 1 + warm}, the
 * steady-state window requests {@code steadyAfter + 1 .. steadyAfter + steady}. A request's CPU runs from the
 * runtime asking for its event to the runtime asking for the next one: the runtime's own work (reading the event,
 * mapping it to the handler's type and back, posting the answer) is in it, as on Lambda.
 */
record Measurement(Column column, int round, double loadAtStart, RuntimeApi.Marks marks, Windows windows) {

    /** Which requests the warm figures average. */
    record Windows(int warm, int steadyAfter, int steady) {

        Windows {
            if (warm < 1 || steady < 1 || steadyAfter < 1) {
                throw new IllegalArgumentException("windows need at least one request each: " + this);
            }
        }

        /** Requests one process serves. */
        int requests() {
            return Math.max(1 + warm, steadyAfter + steady);
        }
    }

    /** Chunks of the warm-up curve. */
    static final int CHUNK = 500;

    /** INIT: process start to the first request for an event; with SnapStart, to the snapshot point. */
    double initCpuMillis() {
        return millis(column.snapStart ? marks.atSnapshot.total() : marks.atNext[0].total());
    }

    /** With SnapStart: from the snapshot to the first request for an event (the {@code afterRestore} hooks). */
    double restoreCpuMillis() {
        return column.snapStart ? millis(marks.atNext[0].total() - marks.atSnapshot.total()) : Double.NaN;
    }

    double initWallMillis() {
        return marks.initWallNanos / 1e6;
    }

    double firstCpuMillis() {
        return millis(between(0, 1).total());
    }

    /** Mean CPU per request over requests 2 .. 1 + warm: what a lightly used instance pays, JIT warm-up included. */
    double warmCpuMillis() {
        return millis(between(1, 1 + windows.warm()).total()) / windows.warm();
    }

    double steadyCpuMillis() {
        return millis(between(windows.steadyAfter(), windows.steadyAfter() + windows.steady()).total()) / windows.steady();
    }

    double peakRssMib() {
        return marks.peakRssKib / 1024.0;
    }

    /** Predicted response of a cold start without SnapStart at 256 MB: INIT unthrottled, the request at 0.145 vCPU. */
    double predictedColdMillis() {
        return initCpuMillis() + Report.SLOWDOWN_AT_256_MB * firstCpuMillis();
    }

    /** CPU of the JIT's compiler threads in INIT (before the snapshot with SnapStart), the first request, the warm window. */
    double initJitMillis() {
        return millis(column.snapStart ? marks.atSnapshot.jit() : marks.atNext[0].jit());
    }

    double firstJitMillis() {
        return millis(between(0, 1).jit());
    }

    double warmJitMillis() {
        return millis(between(1, 1 + windows.warm()).jit()) / windows.warm();
    }

    double steadyJitMillis() {
        return millis(between(windows.steadyAfter(), windows.steadyAfter() + windows.steady()).jit()) / windows.steady();
    }

    /** CPU of the VM thread (serial GC, safepoints) and GC threads in the first request. */
    double firstGcVmMillis() {
        return millis(between(0, 1).gcVm());
    }

    /** Mean CPU per request of each chunk of {@link #CHUNK} requests after the first (requests 2 .. 501, ...). */
    double[] curve() {
        int chunks = (marks.atNext.length - 2) / CHUNK;
        double[] means = new double[chunks];
        for (int c = 0; c < chunks; c++) {
            means[c] = millis(between(1 + c * CHUNK, 1 + (c + 1) * CHUNK).total()) / CHUNK;
        }
        return means;
    }

    /** Classes loaded by the end of INIT (the snapshot point with SnapStart), after the first request, at the end (NaN for Python). */
    double classesAtInit() {
        return endOfInit().isEmpty() ? Double.NaN : endOfInit().loadedClasses();
    }

    double classesAfterFirst() {
        return marks.perfAfterFirst.isEmpty() ? Double.NaN : marks.perfAfterFirst.loadedClasses();
    }

    double classesAtEnd() {
        return marks.perfAtEnd.isEmpty() ? Double.NaN : marks.perfAtEnd.loadedClasses();
    }

    double sharedClassesAtEnd() {
        return marks.perfAtEnd.isEmpty() ? Double.NaN : marks.perfAtEnd.sharedClasses();
    }

    /** Time the JVM spent loading, linking and initialising classes in INIT and in the first request (its own timer). */
    double initClassLoadingMillis() {
        return endOfInit().isEmpty() ? Double.NaN : endOfInit().classLoadingMillis();
    }

    /** The JVM's counters at the end of INIT: at the snapshot point with SnapStart. */
    private PerfData endOfInit() {
        return column.snapStart ? marks.perfAtSnapshot : marks.perfAtInit;
    }

    double firstClassLoadingMillis() {
        return marks.perfAtInit.isEmpty() ? Double.NaN
                : marks.perfAfterFirst.classLoadingMillis() - marks.perfAtInit.classLoadingMillis();
    }

    double metaspaceMib() {
        return marks.perfAtEnd.isEmpty() ? Double.NaN : marks.perfAtEnd.get("sun.gc.metaspace.used") / 1024.0 / 1024.0;
    }

    /** The kernel's tick count minus the thread sums at the end: CPU the readings missed, within ±10 ms ticks. */
    long uncountedCpuMillis() {
        return marks.tickCpuMillis - Math.round(millis(marks.atNext[marks.atNext.length - 1].total()));
    }

    private ProcessTree.Cpu between(int from, int to) {
        return marks.atNext[to].minus(marks.atNext[from]);
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
