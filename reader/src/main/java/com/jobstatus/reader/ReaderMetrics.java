package com.jobstatus.reader;

import java.util.List;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * What the reader counts per request (docs/DESIGN.md §9), as Powertools EMF metrics: {@code Latency}
 * (what the latency alarm watches), the request and error counts the error-rate alarm divides, and preflights
 * apart from them.
 */
public final class ReaderMetrics {

    public static final String LATENCY = "Latency";
    public static final String REQUESTS = "Requests";
    public static final String SERVER_ERRORS = "ServerErrors";
    public static final String CLIENT_ERRORS = "ClientErrors";
    public static final String PREFLIGHTS = "Preflights";
    /** Every name the reader emits: what the template's alarms may watch (a template test compares). */
    public static final List<String> NAMES = List.of(LATENCY, REQUESTS, SERVER_ERRORS, CLIENT_ERRORS, PREFLIGHTS);

    private final Metrics metrics;

    ReaderMetrics(Metrics metrics) {
        this.metrics = metrics;
    }

    /**
     * One request's counts. A preflight is counted as {@code Preflights}, not in {@code Requests}: it reads nothing
     * and cannot fail, so in the error rate's denominator it would only dilute the rate (browsers send one before
     * the calls they make, up to one per call).
     */
    void request(boolean preflight, int status, double latencyMillis) {
        metrics.addMetric(LATENCY, latencyMillis, MetricUnit.MILLISECONDS);
        if (preflight) {
            metrics.addMetric(PREFLIGHTS, 1, MetricUnit.COUNT);
        } else {
            metrics.addMetric(REQUESTS, 1, MetricUnit.COUNT);
            metrics.addMetric(SERVER_ERRORS, status >= 500 ? 1 : 0, MetricUnit.COUNT);
            metrics.addMetric(CLIENT_ERRORS, status >= 400 && status < 500 ? 1 : 0, MetricUnit.COUNT);
        }
        metrics.flush();
    }
}
