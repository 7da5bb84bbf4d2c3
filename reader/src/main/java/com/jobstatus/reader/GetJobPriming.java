package com.jobstatus.reader;

import com.jobstatus.runtime.Telemetry;
import com.jobstatus.schemas.Job;
import com.jobstatus.schemas.JobStatus;
import com.jobstatus.schemas.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * GetJobFn's priming for SnapStart (docs/DESIGN.md §10): runs the request path once per route before the snapshot,
 * with the request events of {@code reader/events}, against the real table but for a caller and a job that cannot
 * exist, so it reads nothing real and writes nothing: the event read, the read, the list query, the preflight, the
 * answers written and a job body are all produced, the read is logged as a request is (one line, {@code primed}),
 * and metrics are primed without emitting any.
 */
final class GetJobPriming {

    /** Not a valid owner or job of anyone's: priming reads nothing real. */
    static final String CALLER = "#priming";
    static final String JOB = "priming";

    private final JobsApi api;

    GetJobPriming(JobsApi api) {
        this.api = api;
    }

    /** @return the statuses the primed requests got, for tests */
    List<Integer> run() {
        long start = System.nanoTime();
        List<Integer> statuses = new ArrayList<>();
        try {
            for (byte[] event : events()) {
                ApiRequest request = ApiGateway.read(new ByteArrayInputStream(event));
                ApiResponse response = api.handle(request);
                ApiGateway.write(response, OutputStream.nullOutputStream());
                statuses.add(response.status());
                if (statuses.size() == 1) {
                    GetJobHandler.log("primed", request, response, (System.nanoTime() - start) / 1_000_000.0);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // a found job's body and tag: no priming request can reach them without real data
        Responses.etag(Responses.job(new Job(JOB, JobStatus.PROCESSING, Instant.EPOCH, Instant.EPOCH, 1, null, null)));
        Telemetry.prime();
        return statuses;
    }

    /** The files' requests, for the priming caller and job. */
    static List<byte[]> events() throws IOException {
        return List.of(
                Json.MAPPER.writeValueAsBytes(EventFiles.withJob(EventFiles.withCaller(
                        EventFiles.read(EventFiles.GET_JOB), CALLER), JOB)),
                Json.MAPPER.writeValueAsBytes(EventFiles.withCaller(EventFiles.read(EventFiles.LIST_JOBS), CALLER)),
                Json.MAPPER.writeValueAsBytes(EventFiles.read(EventFiles.PREFLIGHT)));
    }
}
