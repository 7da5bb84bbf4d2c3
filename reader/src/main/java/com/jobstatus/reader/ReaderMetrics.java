package com.jobstatus.reader;

import com.jobstatus.runtime.EmfMetrics;

/**
 * What the reader counts per request (DESIGN.md section 9), as EMF metrics: {@code Latency}
 * (what the latency alarm watches) and the request and error counts the error-rate alarm divides.
 */
public final class ReaderMetrics {

    public static final String LATENCY = "Latency";
    public static final String REQUESTS = "Requests";
    public static final String SERVER_ERRORS = "ServerErrors";
    public static final String CLIENT_ERRORS = "ClientErrors";

    private final EmfMetrics metrics;

    ReaderMetrics(EmfMetrics metrics) {
        this.metrics = metrics;
    }

    void request(int status, double latencyMillis) {
        metrics.addMetric(LATENCY, latencyMillis, EmfMetrics.Unit.MILLISECONDS);
        metrics.addMetric(REQUESTS, 1, EmfMetrics.Unit.COUNT);
        metrics.addMetric(SERVER_ERRORS, status >= 500 ? 1 : 0, EmfMetrics.Unit.COUNT);
        metrics.addMetric(CLIENT_ERRORS, status >= 400 && status < 500 ? 1 : 0, EmfMetrics.Unit.COUNT);
        metrics.flush();
    }
}
