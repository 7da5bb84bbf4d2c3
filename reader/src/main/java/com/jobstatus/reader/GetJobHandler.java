package com.jobstatus.reader;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.jobstatus.schemas.JobIds;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * GetJobFn: API Gateway (REST, proxy) invokes it for {@code GET /v1/jobs/{id}}, {@code GET /v1/jobs} and preflights.
 * A stream handler, so the runtime maps no types (BENCHMARKS.md "Reader levers"): it reads the event for
 * {@link JobsApi}, writes the answer back, logs one line and flushes the request's metrics.
 */
public final class GetJobHandler implements RequestStreamHandler {

    private static final Logger LOG = LoggerFactory.getLogger(GetJobHandler.class);

    private final JobsApi api;
    private final ReaderMetrics metrics;

    /** Called by the Lambda runtime: builds the real dependencies from the configuration. */
    public GetJobHandler() {
        this(GetJobWiring.fromEnvironment());
    }

    GetJobHandler(GetJobWiring wiring) {
        this(wiring.api(), wiring.metrics());
        wiring.primeBeforeSnapshot();
    }

    /** For tests: any API (over a fake repository), any metrics. */
    GetJobHandler(JobsApi api, ReaderMetrics metrics) {
        this.api = api;
        this.metrics = metrics;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        long start = System.nanoTime();
        ApiRequest request = ApiGateway.read(input);
        ApiResponse response = PowertoolsLogging.withLogging(context, () -> {
            ApiResponse answer = api.handle(request);
            double latencyMillis = (System.nanoTime() - start) / 1_000_000.0;
            metrics.request(request.preflight(), answer.status(), latencyMillis);
            log("request", request, answer, latencyMillis);
            return answer;
        });
        ApiGateway.write(response, output);
    }

    static void log(String message, ApiRequest request, ApiResponse response, double latencyMillis) {
        LOG.info(message, entry("route", request.method() + " " + request.route()),
                entry("statusCode", response.status()), entry("latencyMs", Math.round(latencyMillis * 10) / 10.0),
                entry("jobId", JobIds.isValid(request.jobId()) ? request.jobId() : null),
                entry("outcome", response.outcome()), entry("apiRequestId", request.requestId()));
    }
}
