package com.jobstatus.reader;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.jobstatus.runtime.AwsClients;
import com.jobstatus.runtime.Env;
import com.jobstatus.runtime.Telemetry;
import com.jobstatus.schemas.Job;
import com.jobstatus.schemas.JobIds;
import com.jobstatus.schemas.JobStatus;
import com.jobstatus.store.DynamoJobRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * GetJobFn: API Gateway (REST, Lambda proxy) invokes it for {@code GET /v1/jobs/{id}}, {@code GET /v1/jobs}
 * and their {@code OPTIONS} preflights. Clients, JSON and logging are built in INIT; the SnapStart hook runs
 * the request path once before the snapshot.
 */
public final class GetJobHandler
        implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>, Resource {

    private static final Logger LOG = LoggerFactory.getLogger(GetJobHandler.class);
    /** Not a valid owner or job of anyone's: priming reads nothing real. */
    static final String PRIMING_CALLER = "#priming";

    private final JobsApi api;
    private final ReaderMetrics metrics;

    /** Called by the Lambda runtime: reads the configuration and builds the real dependencies. */
    public GetJobHandler() {
        this(ReaderConfig.from(Env.system()));
    }

    /**
     * The handler as Lambda would build it, from the given environment instead of the process's: for the
     * local stack, benchmarks and tools that run the real function outside Lambda.
     */
    public static GetJobHandler withEnvironment(Map<String, String> environment) {
        return new GetJobHandler(ReaderConfig.from(new Env(environment)));
    }

    GetJobHandler(ReaderConfig config) {
        this(new JobsApi(new DynamoJobRepository(AwsClients.dynamo(config.aws()), config.tableName()),
                        new Cors(config.allowedOrigins()), Clock.systemUTC()),
                new ReaderMetrics(Telemetry.metrics(config.serviceName(), config.stage())));
        Core.getGlobalContext().register(this);
    }

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

    private static void log(String message, ApiRequest request, ApiResponse response, double latencyMillis) {
        LOG.info(message, entry("route", request.method() + " " + request.route()),
                entry("statusCode", response.status()), entry("latencyMs", Math.round(latencyMillis * 10) / 10.0),
                entry("jobId", JobIds.isValid(request.jobId()) ? request.jobId() : null),
                entry("outcome", response.outcome()), entry("apiRequestId", request.requestId()));
    }

    /**
     * Runs the request path once per route, for SnapStart's snapshot, against the real table but for a caller
     * and a job that cannot exist: the read, the list query, the preflight and a job body are all produced, the
     * read is logged as a request is (one line, {@code primed}), and metrics are primed without emitting any.
     *
     * @return the statuses the primed requests got, for tests
     */
    List<Integer> prime() {
        long start = System.nanoTime();
        Map<String, String> headers = Map.of("Origin", "https://priming.invalid", "If-None-Match", "\"x\"");
        List<APIGatewayProxyRequestEvent> requests = List.of(
                ApiGateway.event("GET", JobsApi.JOB_ROUTE, "/jobs/priming", "priming", headers, Map.of(),
                        PRIMING_CALLER),
                ApiGateway.event("GET", JobsApi.LIST_ROUTE, "/jobs", null, headers,
                        Map.of("limit", "1", "status", "QUEUED"), PRIMING_CALLER),
                ApiGateway.event("OPTIONS", JobsApi.JOB_ROUTE, "/jobs/priming", "priming", headers, Map.of(), null));
        List<Integer> statuses = new ArrayList<>();
        for (APIGatewayProxyRequestEvent event : requests) {
            ApiRequest request = ApiGateway.toRequest(event);
            ApiResponse response = api.handle(request);
            statuses.add(ApiGateway.toResponse(response).getStatusCode());
            if (statuses.size() == 1) {
                log("primed", request, response, (System.nanoTime() - start) / 1_000_000.0);
            }
        }
        // a found job's body and tag: no priming request can reach them without real data
        Responses.etag(Responses.job(new Job("priming", JobStatus.PROCESSING, Instant.EPOCH, Instant.EPOCH, 1,
                null, null)));
        Telemetry.prime();
        return statuses;
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        try {
            prime();
        } catch (RuntimeException e) {
            LOG.warn("priming failed; the first request will load what priming would have",
                    entry("errorType", e.getClass().getSimpleName()));
        }
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to refresh: clients re-resolve connections on first use
    }
}
