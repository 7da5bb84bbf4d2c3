package com.jobstatus.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.slf4j.MDC;
import software.amazon.cloudwatchlogs.emf.environment.EnvironmentProvider;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.cloudwatchlogs.emf.model.Unit;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.provider.EmfMetricsProvider;

/**
 * The metrics both functions emit through Powertools (CloudWatch EMF): one namespace and one dimension set,
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
     * The Powertools metrics instance for a function, built once in INIT. Add metrics during an invocation
     * and {@link Metrics#flush()} at its end; the EMF line goes to standard output, where Lambda forwards
     * it to CloudWatch.
     *
     * <p>Each call returns its own instance from Powertools' EMF provider rather than the process-wide one
     * {@code MetricsBuilder} configures: on Lambda each function has its own JVM and either would do, but
     * the local stack and the tests run both functions in one JVM, where the last function built would
     * otherwise relabel the other's metrics with its {@code Service}.
     */
    public static Metrics metrics(String service, String stage) {
        Metrics metrics = new EmfMetricsProvider().getMetricsInstance();
        metrics.setNamespace(NAMESPACE);
        metrics.setDefaultDimensions(DimensionSet.of(SERVICE_DIMENSION, service, STAGE_DIMENSION, stage));
        return metrics;
    }

    /**
     * For a snapshot or INIT, without writing anything, does what the first request would otherwise pay for
     * (BENCHMARKS.md, "EMF environment"): resolves the EMF environment and builds an EMF line's serialisers, and
     * loads what {@code PowertoolsLogging.withLogging} loads on its first call (its logging manager and the MDC).
     * Not by calling withLogging: that would use up Powertools' cold-start flag, and the first request must log
     * {@code cold_start: true}.
     */
    public static void prime() {
        new EnvironmentProvider().resolveEnvironment().join();
        MetricsContext context = new MetricsContext();
        context.setNamespace(NAMESPACE);
        context.putDimension(software.amazon.cloudwatchlogs.emf.model.DimensionSet.of(
                SERVICE_DIMENSION, "priming", STAGE_DIMENSION, "priming"));
        context.putMetric("Priming", 1, Unit.COUNT);
        try {
            context.serialize();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an EMF line could not be written", e);
        }
        PowertoolsLogging.clearBuffer();
        MDC.put("priming", "priming");
        MDC.remove("priming");
    }
}
