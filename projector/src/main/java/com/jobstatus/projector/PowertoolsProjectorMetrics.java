package com.jobstatus.projector;

import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * {@link ProjectorMetrics} as Powertools EMF metrics in the {@code JobStatus} namespace. The reason of a
 * stale or rejected event is in the log line, not a dimension: dimensions multiply CloudWatch cost.
 */
final class PowertoolsProjectorMetrics implements ProjectorMetrics {

    private final Metrics metrics;

    PowertoolsProjectorMetrics(Metrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void applied(long lagMillis) {
        metrics.addMetric(APPLIED, 1, MetricUnit.COUNT);
        metrics.addMetric(LAG, lagMillis, MetricUnit.MILLISECONDS);
    }

    @Override
    public void stale(Decision.StaleReason reason) {
        metrics.addMetric(STALE, 1, MetricUnit.COUNT);
    }

    @Override
    public void rejected(String rule) {
        metrics.addMetric(REJECTED, 1, MetricUnit.COUNT);
    }

    @Override
    public void conflict() {
        metrics.addMetric(CONFLICTS, 1, MetricUnit.COUNT);
    }
}
