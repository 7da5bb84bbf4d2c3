package com.jobstatus.reader;

import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * What the reader counts per request (DESIGN.md section 9), as Powertools EMF metrics: {@code Latency}
 * (what the latency alarm watches) and the request and error counts the error-rate alarm divides.
 */
public final class ReaderMetrics {

    public static final String LATENCY = "Latency";
    public static final String REQUESTS = "Requests";
    public static final String SERVER_ERRORS = "ServerErrors";
    public static final String CLIENT_ERRORS = "ClientErrors";

    private final Metrics metrics;

    ReaderMetrics(Metrics metrics) {
        this.metrics = metrics;
    }

    void request(int status, double latencyMillis) {
        metrics.addMetric(LATENCY, latencyMillis, MetricUnit.MILLISECONDS);
        metrics.addMetric(REQUESTS, 1, MetricUnit.COUNT);
        metrics.addMetric(SERVER_ERRORS, status >= 500 ? 1 : 0, MetricUnit.COUNT);
        metrics.addMetric(CLIENT_ERRORS, status >= 400 && status < 500 ? 1 : 0, MetricUnit.COUNT);
        metrics.flush();
    }
}
