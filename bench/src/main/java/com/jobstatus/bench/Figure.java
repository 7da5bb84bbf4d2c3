package com.jobstatus.bench;

import java.util.function.ToDoubleFunction;

/** A row of the benchmark table: what is measured per JVM, its unit, and the budget it has, if any. */
enum Figure {

    INIT_CPU("INIT CPU", "s", 3, 0.8, false, m -> m.initCpuNanos() / 1e9),
    INIT_WALL("INIT wall", "s", 3, Double.NaN, false, m -> m.initWallNanos() / 1e9),
    FIRST_CPU("first request CPU", "ms", 1, 15, false, m -> m.firstCpuNanos() / 1e6),
    FIRST_WALL("first request wall", "ms", 1, Double.NaN, false, m -> m.firstWallNanos() / 1e6),
    WARM_CPU("warm CPU per request", "ms", 3, 1.0, true, Measurement::warmCpuPerRequestMillis),
    WARM_WALL("warm wall per request", "ms", 2, Double.NaN, true, m -> 1000 / m.warmRequestsPerSecond()),
    PEAK_RSS("peak RSS (VmHWM)", "MiB", 1, 128, false, m -> m.peakRssKib() / 1024.0),
    METASPACE("metaspace used at the end", "MiB", 1, Double.NaN, false, m -> m.metaspaceKib() / 1024.0),
    LOADED_CLASSES("classes loaded", "", 0, Double.NaN, false, Measurement::loadedClasses),
    EVENTS_PER_SECOND("events/s per JVM", "1/s", 0, Double.NaN, true, Measurement::warmRequestsPerSecond),
    CPU_PER_EVENT("CPU per event", "ms", 3, 1.0, true, Measurement::warmCpuPerRequestMillis);

    /** The warm-CPU budget relative to the bare-SDK baseline. */
    static final double WARM_CPU_RATIO_BUDGET = 1.1;

    final String label;
    final String unit;
    final int decimals;
    /** The most the figure may be; NaN when it has no budget. */
    final double budget;
    /** Measured in the warm requests, which only some columns' JVMs serve ({@link Scenario#warm}). */
    final boolean warm;
    final ToDoubleFunction<Measurement> value;

    Figure(String label, String unit, int decimals, double budget, boolean warm, ToDoubleFunction<Measurement> value) {
        this.label = label;
        this.unit = unit;
        this.decimals = decimals;
        this.budget = budget;
        this.warm = warm;
        this.value = value;
    }

    boolean hasBudget() {
        return !Double.isNaN(budget);
    }

    /** Events per second and CPU per event are the projector's figures only. */
    boolean appliesTo(Scenario.Function function) {
        return function == Scenario.Function.PROJECTOR || (this != EVENTS_PER_SECOND && this != CPU_PER_EVENT);
    }
}
