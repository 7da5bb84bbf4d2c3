package com.jobstatus.runtime;

import org.slf4j.MDC;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The metrics both functions emit (CloudWatch EMF, {@link EmfMetrics}): one namespace and one dimension set,
 * the exact ones the template's alarms watch (a template test holds them together); and priming for them and
 * for Powertools logging.
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

    /**
     * For a snapshot or INIT, without writing anything: runs the metrics path once, and loads what
     * {@code PowertoolsLogging.withLogging} loads on its first call (its logging manager, found by a service
     * lookup over the class path, and the MDC), ~10 ms of a first request's CPU (BENCHMARKS.md). Not by calling
     * withLogging: that would use up Powertools' cold-start flag, and the first request must log
     * {@code cold_start: true}.
     */
    public static void prime() {
        EmfMetrics metrics = metrics("priming", "priming");
        metrics.addMetric("Priming", 1, EmfMetrics.Unit.COUNT);
        metrics.takeLine();
        PowertoolsLogging.clearBuffer();
        MDC.put("priming", "priming");
        MDC.remove("priming");
    }
}
