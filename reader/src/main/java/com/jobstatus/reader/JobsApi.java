package com.jobstatus.reader;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.jobstatus.schemas.ErrorCode;
import com.jobstatus.schemas.JobIds;
import com.jobstatus.schemas.JobStatus;
import com.jobstatus.store.JobRecord;
import com.jobstatus.store.JobRepository;
import com.jobstatus.store.StoreException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Read API (docs/DESIGN.md §6) over plain requests and responses: routing, identity, validation,
 * authorization, conditional GET, errors. No Lambda or SDK types; the handler translates.
 */
final class JobsApi {

    static final String JOB_ROUTE = "/v1/jobs/{id}";
    static final String LIST_ROUTE = "/v1/jobs";
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    private static final Logger LOG = LoggerFactory.getLogger(JobsApi.class);

    private final JobRepository jobs;
    private final Cors cors;
    private final Clock clock;

    JobsApi(JobRepository jobs, Cors cors, Clock clock) {
        this.jobs = jobs;
        this.cors = cors;
        this.clock = clock;
    }

    ApiResponse handle(ApiRequest request) {
        String origin = request.origin();
        if (request.preflight()) {
            // 200, not 204: the platform's CORS runbook fails a preflight with any other status
            Map<String, String> headers = Responses.headers(Responses.CACHE_ERROR);
            cors.addPreflightTo(headers, origin);
            return new ApiResponse(200, headers, null, "PREFLIGHT");
        }
        try {
            return route(request);
        } catch (StoreException e) {
            if (e.throttled()) {
                LOG.warn("throttled by DynamoDB", entry("reason", e.getMessage()));
                ApiResponse throttled = error(request, ErrorCode.THROTTLED, "Too many requests; retry shortly");
                throttled.headers().put("Retry-After", Responses.RETRY_AFTER_SECONDS);
                return throttled;
            }
            LOG.error("the Jobs table failed", e);
            return error(request, ErrorCode.INTERNAL, "Internal error");
        } catch (RuntimeException e) {
            // the cause goes to the log, never into the body
            LOG.error("unexpected failure", e);
            return error(request, ErrorCode.INTERNAL, "Internal error");
        }
    }

    private ApiResponse route(ApiRequest request) {
        boolean known = JOB_ROUTE.equals(request.route()) || LIST_ROUTE.equals(request.route());
        if (!known || !"GET".equals(request.method())) {
            return error(request, ErrorCode.NOT_FOUND, "No such route");
        }
        if (request.callerId() == null || request.callerId().isBlank()) {
            return error(request, ErrorCode.UNAUTHORIZED, "Sign in to see your jobs");
        }
        return JOB_ROUTE.equals(request.route()) ? getJob(request) : listJobs(request);
    }

    private ApiResponse getJob(ApiRequest request) {
        String id = request.jobId();
        if (!JobIds.isValid(id)) {
            return error(request, ErrorCode.BAD_REQUEST,
                    "A job id is 1-" + JobIds.MAX_LENGTH + " characters of A-Z a-z 0-9 . _ : - (and not . or ..)");
        }
        Optional<JobRecord> job = JobAccess.visibleTo(request.callerId(), jobs.find(id), clock.instant());
        if (job.isEmpty()) {
            return error(request, ErrorCode.NOT_FOUND, "Job not found");
        }
        String body = Responses.job(job.get().toJob());
        String etag = Responses.etag(body);
        Map<String, String> headers = Responses.headers(Responses.CACHE_JOB);
        headers.put("ETag", etag);
        cors.addTo(headers, request.origin());
        if (Responses.matches(request.ifNoneMatch(), etag)) {
            return new ApiResponse(304, headers, null, "NOT_MODIFIED");
        }
        return new ApiResponse(200, headers, body, "OK");
    }

    private ApiResponse listJobs(ApiRequest request) {
        Map<String, String> query = request.query();
        Integer limit = limit(query.get("limit"));
        if (limit == null) {
            return error(request, ErrorCode.BAD_REQUEST, "limit must be a whole number from 1 to " + MAX_LIMIT);
        }
        String statusParam = query.get("status");
        JobStatus status = JobStatus.parse(statusParam);
        if (statusParam != null && status == null) {
            return error(request, ErrorCode.BAD_REQUEST, "status must be one of QUEUED, PROCESSING, COMPLETED, FAILED");
        }
        String cursorParam = query.get("cursor");
        JobRepository.Position after = cursorParam == null ? null : Cursor.decode(request.callerId(), cursorParam);
        if (cursorParam != null && after == null) {
            return error(request, ErrorCode.BAD_REQUEST, "cursor is not one this API gave you; start again without it");
        }
        Instant now = clock.instant();
        JobRepository.Page page = jobs.listByUser(request.callerId(), status, limit, after, now);
        String body = Responses.jobList(page.items().stream().map(JobRecord::toJob).toList(),
                page.next() == null ? null : Cursor.encode(request.callerId(), page.next()));
        Map<String, String> headers = Responses.headers(Responses.CACHE_JOB);
        cors.addTo(headers, request.origin());
        return new ApiResponse(200, headers, body, "OK");
    }

    private static Integer limit(String value) {
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        if (value.isEmpty() || value.length() > 3 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        int limit = Integer.parseInt(value);
        return limit >= 1 && limit <= MAX_LIMIT ? limit : null;
    }

    private ApiResponse error(ApiRequest request, ErrorCode code, String message) {
        Map<String, String> headers = Responses.headers(Responses.CACHE_ERROR);
        cors.addTo(headers, request.origin());
        return new ApiResponse(code.httpStatus(), headers, Responses.error(code, message, request.requestId()),
                code.name());
    }
}
