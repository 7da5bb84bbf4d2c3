package com.jobstatus.bench;

import com.jobstatus.runtime.AwsClients;
import com.jobstatus.runtime.AwsSettings;
import com.jobstatus.schemas.JobStatus;
import com.jobstatus.store.DynamoJobRepository;
import com.jobstatus.store.JobRecord;
import com.jobstatus.store.JobsTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What the functions find on the local AWS: the Jobs table as the template declares it, the failure queue,
 * one job for the reader to read; and the environment Lambda would give each function.
 */
final class Workload {

    static final String REGION = "us-east-1";
    static final String STAGE = "bench";
    static final String ORIGIN = "https://app.example.com";
    static final String USER_ID = "5f1c2a9e-7b1d-4c3a-9e2f-0a1b2c3d4e5f";
    static final String READ_JOB_ID = "job-bench-read-1";

    private final URI endpoint;
    private final String tableName = JobsTable.nameFor(STAGE);
    private final String queueUrl;

    Workload(URI endpoint) {
        this.endpoint = endpoint;
        AwsSettings aws = AwsSettings.local(endpoint, REGION);
        try (DynamoDbClient dynamo = AwsClients.dynamo(aws);
             SqsClient sqs = AwsClients.configure(SqsClient.builder(), aws).build()) {
            JobsTable.create(dynamo, tableName);
            queueUrl = sqs.createQueue(b -> b.queueName("ProjectorFailures-" + STAGE)).queueUrl();
            Instant at = Instant.now().minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.MILLIS);
            JobRecord job = new JobRecord(READ_JOB_ID, USER_ID, JobStatus.PROCESSING, 1,
                    "0000000001|1|" + at + "|seed", at, at, 42, null, null,
                    at.plus(Duration.ofDays(30)).getEpochSecond(), 1);
            if (!new DynamoJobRepository(dynamo, tableName).apply(job, null)) {
                throw new IllegalStateException("could not seed " + READ_JOB_ID);
            }
        }
    }

    /** The environment of a function on Lambda (256 MB, no SnapStart credentials), pointed at the local AWS. */
    Map<String, String> environment(Scenario.Function function) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java25");
        env.put("AWS_LAMBDA_FUNCTION_NAME", function.functionName + "-" + STAGE);
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(LambdaJvm.MEMORY_MB));
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_REGION", REGION);
        env.put("AWS_DEFAULT_REGION", REGION);
        env.put("AWS_ENDPOINT_URL", endpoint.toString());
        env.put("AWS_ACCESS_KEY_ID", "testing");
        env.put("AWS_SECRET_ACCESS_KEY", "testing");
        env.put("AWS_SESSION_TOKEN", "testing");
        env.put("JOBS_TABLE_NAME", tableName);
        env.put("STAGE", STAGE);
        if (function == Scenario.Function.READER) {
            env.put("POWERTOOLS_SERVICE_NAME", "job-status-reader");
            env.put("ALLOWED_ORIGINS", ORIGIN);
        } else {
            env.put("POWERTOOLS_SERVICE_NAME", "job-status-projector");
            env.put("FAILURE_QUEUE_URL", queueUrl);
        }
        return env;
    }

    /** Writes the events of {@link ProjectorEvents}: {@code count} of them, for jobs named {@code jobPrefix...}. */
    static void writeEvents(Path file, String jobPrefix, int count) {
        // recent enough to be inside the TTL window, old enough never to be in the future
        Instant start = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MILLIS);
        StringBuilder out = new StringBuilder(count * 420);
        for (int i = 0; i < count; i++) {
            String status = ProjectorEvents.status(i);
            String at = start.plusMillis(i).toString();
            String jobId = ProjectorEvents.jobId(jobPrefix, i);
            out.append("{\"version\":\"0\",\"id\":\"").append(jobPrefix).append("event-").append(i)
                    .append("\",\"detail-type\":\"Job Status Changed\",\"source\":\"").append(ProjectorEvents.SOURCE)
                    .append("\",\"account\":\"123456789012\",\"time\":\"").append(at)
                    .append("\",\"region\":\"").append(REGION).append("\",\"resources\":[],\"detail\":{\"jobId\":\"")
                    .append(jobId).append("\",\"userId\":\"").append(USER_ID)
                    .append("\",\"status\":\"").append(status).append("\",\"occurredAt\":\"").append(at)
                    .append("\",\"attempt\":1");
            if ("PROCESSING".equals(status)) {
                out.append(",\"progress\":50");
            } else if ("COMPLETED".equals(status)) {
                out.append(",\"outputUrl\":\"https://cdn.example.com/videos/").append(jobId).append(".mp4\"");
            }
            out.append("}}\n");
        }
        try {
            Files.writeString(file, out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
