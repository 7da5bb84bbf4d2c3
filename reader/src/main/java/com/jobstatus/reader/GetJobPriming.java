package com.jobstatus.reader;

import com.jobstatus.runtime.Telemetry;
import com.jobstatus.schemas.Job;
import com.jobstatus.schemas.JobStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * GetJobFn's priming for SnapStart (docs/DESIGN.md §10): runs the request path once per route before the snapshot,
 * against the real table but for a caller and a job that cannot exist, so it reads nothing real and writes nothing:
 * the read, the list query, the preflight and a job body are all produced, the read is logged as a request is (one
 * line, {@code primed}), and metrics are primed without emitting any.
 */
final class GetJobPriming {

    /** Not a valid owner or job of anyone's: priming reads nothing real. */
    static final String CALLER = "#priming";

    private final JobsApi api;

    GetJobPriming(JobsApi api) {
        this.api = api;
    }

    /** @return the statuses the primed requests got, for tests */
    List<Integer> run() {
        long start = System.nanoTime();
        Map<String, String> headers = Map.of("Origin", "https://priming.invalid", "If-None-Match", "\"x\"");
        List<ApiRequest> requests = List.of(
                ApiGateway.toRequest(ApiGateway.event("GET", JobsApi.JOB_ROUTE, "/jobs/priming", "priming", headers,
                        Map.of(), CALLER)),
                ApiGateway.toRequest(ApiGateway.event("GET", JobsApi.LIST_ROUTE, "/jobs", null, headers,
                        Map.of("limit", "1", "status", "QUEUED"), CALLER)),
                ApiGateway.toRequest(ApiGateway.event("OPTIONS", JobsApi.JOB_ROUTE, "/jobs/priming", "priming",
                        headers, Map.of(), null)));
        List<Integer> statuses = new ArrayList<>();
        for (ApiRequest request : requests) {
            ApiResponse response = api.handle(request);
            statuses.add(ApiGateway.toResponse(response).getStatusCode());
            if (statuses.size() == 1) {
                GetJobHandler.log("primed", request, response, (System.nanoTime() - start) / 1_000_000.0);
            }
        }
        // a found job's body and tag: no priming request can reach them without real data
        Responses.etag(Responses.job(new Job("priming", JobStatus.PROCESSING, Instant.EPOCH, Instant.EPOCH, 1,
                null, null)));
        Telemetry.prime();
        return statuses;
    }
}
