package com.jobstatus.push;

import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/** {@link PushMetrics} as Powertools EMF metrics in the {@code JobStatus} namespace. */
final class PowertoolsPushMetrics implements PushMetrics {

    private final Metrics metrics;

    PowertoolsPushMetrics(Metrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void records(int count) {
        metrics.addMetric(RECORDS, count, MetricUnit.COUNT);
    }

    @Override
    public void sent() {
        metrics.addMetric(SENT, 1, MetricUnit.COUNT);
    }

    @Override
    public void gone() {
        metrics.addMetric(GONE, 1, MetricUnit.COUNT);
    }

    @Override
    public void sendFailed() {
        metrics.addMetric(SEND_FAILURES, 1, MetricUnit.COUNT);
    }

    @Override
    public void unreadable() {
        metrics.addMetric(UNREADABLE, 1, MetricUnit.COUNT);
    }
}
