package com.jobstatus.reader;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.jobstatus.runtime.ColdStart;
import com.jobstatus.schemas.JobIds;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/** GetJobFn: API Gateway's proxy event in, {@link JobsApi}'s answer out, one log line and the metrics per request. */
public final class GetJobHandler implements RequestStreamHandler {

    private static final Logger LOG = LoggerFactory.getLogger(GetJobHandler.class);

    private final JobsApi api;
    private final ReaderMetrics metrics;
    private final ColdStart coldStart = new ColdStart();

    /** For the Lambda runtime: the real dependencies, from the configuration. */
    public GetJobHandler() {
        this(GetJobWiring.fromEnvironment());
    }

    GetJobHandler(GetJobWiring wiring) {
        this(wiring.api(), wiring.metrics());
        wiring.primeBeforeSnapshot();
    }

    /** For tests and priming: any API (over any repository), any metrics. */
    GetJobHandler(JobsApi api, ReaderMetrics metrics) {
        this.api = api;
        this.metrics = metrics;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        long start = System.nanoTime();
        ApiRequest request = ApiGateway.read(input);
        ApiResponse response = PowertoolsLogging.withLogging(context, () -> {
            coldStart.mark();
            ApiResponse answer = api.handle(request);
            double latencyMillis = (System.nanoTime() - start) / 1_000_000.0;
            metrics.request(request.preflight(), answer.status(), latencyMillis);
            LOG.info("request", entry("route", request.method() + " " + request.route()),
                    entry("statusCode", answer.status()), entry("latencyMs", Math.round(latencyMillis * 10) / 10.0),
                    entry("jobId", JobIds.isValid(request.jobId()) ? request.jobId() : null),
                    entry("outcome", answer.outcome()), entry("apiRequestId", request.requestId()));
            return answer;
        });
        ApiGateway.write(response, output);
    }
}
