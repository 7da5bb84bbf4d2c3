package com.jobstatus.runtime;

/**
 * The metrics both functions emit (CloudWatch EMF, {@link EmfMetrics}): one namespace and one dimension set,
 * the exact ones the template's alarms watch (a template test holds them together).
 */
public final class Telemetry {

    public static final String NAMESPACE = "JobStatus";
    public static final String SERVICE_DIMENSION = "Service";
    public static final String STAGE_DIMENSION = "Stage";

    private Telemetry() {
    }

    /**
     * The metrics of a function, built once in INIT. Add metrics during an invocation and
     * {@link EmfMetrics#flush()} at its end; the EMF line goes to standard output, where Lambda forwards it to
     * CloudWatch.
     */
    public static EmfMetrics metrics(String service, String stage) {
        return new EmfMetrics(NAMESPACE, SERVICE_DIMENSION, service, STAGE_DIMENSION, stage);
    }

    /** Runs the metrics path once, for a snapshot or INIT, without writing a line. */
    public static void prime() {
        EmfMetrics metrics = metrics("priming", "priming");
        metrics.addMetric("Priming", 1, EmfMetrics.Unit.COUNT);
        metrics.takeLine();
    }
}
