package com.jobstatus.reader;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.jobstatus.schemas.JobIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * GetJobFn: API Gateway (REST, Lambda proxy) invokes it for {@code GET /v1/jobs/{id}}, {@code GET /v1/jobs} and their
 * preflights. It translates the event for {@link JobsApi} and back, logs one line and flushes the request's metrics.
 */
public final class GetJobHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(GetJobHandler.class);

    private final JobsApi api;
    private final ReaderMetrics metrics;

    /** Called by the Lambda runtime: reads the configuration and builds the real dependencies. */
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
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        long start = System.nanoTime();
        return PowertoolsLogging.withLogging(context, () -> {
            ApiRequest request = ApiGateway.toRequest(event);
            ApiResponse response = api.handle(request);
            double latencyMillis = (System.nanoTime() - start) / 1_000_000.0;
            metrics.request(request.preflight(), response.status(), latencyMillis);
            log("request", request, response, latencyMillis);
            return ApiGateway.toResponse(response);
        });
    }

    static void log(String message, ApiRequest request, ApiResponse response, double latencyMillis) {
        LOG.info(message, entry("route", request.method() + " " + request.route()),
                entry("statusCode", response.status()), entry("latencyMs", Math.round(latencyMillis * 10) / 10.0),
                entry("jobId", JobIds.isValid(request.jobId()) ? request.jobId() : null),
                entry("outcome", response.outcome()), entry("apiRequestId", request.requestId()));
    }
}
