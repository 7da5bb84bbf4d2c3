package com.jobstatus.runtime;

import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsBuilder;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;

/**
 * The metrics both functions emit through Powertools (CloudWatch EMF): one namespace and one dimension set,
 * the exact ones the template's alarms watch (a template test holds them together).
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
     */
    public static Metrics metrics(String service, String stage) {
        return MetricsBuilder.builder()
                .withNamespace(NAMESPACE)
                .withService(service)
                // replacing the defaults drops Service, so it is named again here
                .withDefaultDimensions(DimensionSet.of(SERVICE_DIMENSION, service, STAGE_DIMENSION, stage))
                .build();
    }
}
