package com.jobstatus.projector;

import com.jobstatus.runtime.EmfMetrics;

/**
 * {@link ProjectorMetrics} as EMF metrics in the {@code JobStatus} namespace. The reason of a
 * stale or rejected event is in the log line, not a dimension: dimensions multiply CloudWatch cost.
 */
final class EmfProjectorMetrics implements ProjectorMetrics {

    private final EmfMetrics metrics;

    EmfProjectorMetrics(EmfMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void applied(long lagMillis) {
        metrics.addMetric(APPLIED, 1, EmfMetrics.Unit.COUNT);
        metrics.addMetric(LAG, lagMillis, EmfMetrics.Unit.MILLISECONDS);
    }

    @Override
    public void stale(Decision.SkipReason reason) {
        metrics.addMetric(STALE, 1, EmfMetrics.Unit.COUNT);
    }

    @Override
    public void rejected(String rule) {
        metrics.addMetric(REJECTED, 1, EmfMetrics.Unit.COUNT);
    }

    @Override
    public void conflict() {
        metrics.addMetric(CONFLICTS, 1, EmfMetrics.Unit.COUNT);
    }
}
