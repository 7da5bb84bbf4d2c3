package com.jobstatus.bench;

import com.jobstatus.runtime.AwsClients;
import com.jobstatus.runtime.AwsSettings;
import com.jobstatus.schemas.EventJson;
import com.jobstatus.schemas.JobEvent;
import com.jobstatus.schemas.JobStatus;
import com.jobstatus.schemas.JobStatusChanged;
import com.jobstatus.store.DynamoJobRepository;
import com.jobstatus.store.JobRecord;
import com.jobstatus.store.JobsTable;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What the functions find on the local AWS: the Jobs table as the template declares it, the failure queue,
 * one job for the reader to read; the environment Lambda would give each function; the events both sides get.
 */
final class Workload {

    static final String REGION = "us-east-1";
    static final String STAGE = "bench";
    static final String ORIGIN = "https://app.example.com";
    static final String USER_ID = "5f1c2a9e-7b1d-4c3a-9e2f-0a1b2c3d4e5f";
    static final String READ_JOB_ID = "job-bench-read-1";
    static final String SOURCE = "jobs.fal-invoker";
    private static final JobStatus[] STATUSES = {JobStatus.QUEUED, JobStatus.PROCESSING, JobStatus.COMPLETED};

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

    /**
     * The environment Lambda gives a function (256 MB, credentials in the environment as without SnapStart),
     * pointed at the local AWS, with no config or credentials file from this machine; the Runtime API and the
     * handler are added per process by {@link Bench}.
     */
    Map<String, String> environment(Column.Function function, Path workDir) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.put("AWS_LAMBDA_FUNCTION_NAME", functionName(function));
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(LambdaJvm.MEMORY_MB));
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + functionName(function));
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "2026/01/01/[$LATEST]bench");
        env.put("AWS_REGION", REGION);
        env.put("AWS_DEFAULT_REGION", REGION);
        env.put("AWS_ENDPOINT_URL", endpoint.toString());
        env.put("AWS_ACCESS_KEY_ID", "testing");
        env.put("AWS_SECRET_ACCESS_KEY", "testing");
        env.put("AWS_SESSION_TOKEN", "testing");
        env.put("AWS_CONFIG_FILE", workDir.resolve("no-aws-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", workDir.resolve("no-aws-credentials").toString());
        env.put("JOBS_TABLE_NAME", tableName);
        env.put("STAGE", STAGE);
        if (function == Column.Function.READER) {
            env.put("POWERTOOLS_SERVICE_NAME", "job-status-reader");
            env.put("ALLOWED_ORIGINS", ORIGIN);
        } else {
            env.put("POWERTOOLS_SERVICE_NAME", "job-status-projector");
            env.put("FAILURE_QUEUE_URL", queueUrl);
        }
        return env;
    }

    static String functionName(Column.Function function) {
        return function.functionName + "-" + STAGE;
    }

    static String functionArn(Column.Function function) {
        return "arn:aws:lambda:" + REGION + ":123456789012:function:" + functionName(function);
    }

    /**
     * The events one process is handed: for the reader, {@code count} times the same {@code GET /v1/jobs/{id}} of
     * a job its caller owns; for the projector, lifecycles (QUEUED, PROCESSING, COMPLETED) of fresh jobs named
     * {@code jobPrefix...}, so that every event is applied: a real conditional write, never a skip.
     */
    static List<byte[]> events(Column.Function function, String jobPrefix, int count) {
        List<byte[]> events = new ArrayList<>(count);
        byte[] read = getJobEvent().getBytes(StandardCharsets.UTF_8);
        // recent enough to be inside the TTL window, old enough never to be in the future
        Instant start = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MILLIS);
        for (int i = 0; i < count; i++) {
            events.add(function == Column.Function.READER ? read
                    : jobEvent(jobPrefix, i, start.plusMillis(i)).getBytes(StandardCharsets.UTF_8));
        }
        return events;
    }

    /** Whether an answer is the one every request of the function gets (the peer's shape included). */
    static Predicate<String> expectedAnswer(Column.Function function) {
        if (function == Column.Function.READER) {
            Pattern ok = Pattern.compile("\"statusCode\"\\s*:\\s*200[,}]");
            return body -> ok.matcher(body).find() && body.contains(READ_JOB_ID);
        }
        Pattern applied = Pattern.compile("\"outcome\":\"APPLIED\"|\"applied\":\\s*true");
        return body -> applied.matcher(body).find();
    }

    /** A REST API proxy event as API Gateway sends it behind a Cognito authorizer, with a browser's headers. */
    private static String getJobEvent() {
        String headers = """
                "Accept":"application/json","Accept-Encoding":"gzip, deflate, br","Accept-Language":"en-GB,en;q=0.9",\
                "Authorization":"Bearer eyJraWQiOiJiZW5jaCIsImFsZyI6IlJTMjU2In0.%s.sig",\
                "Host":"abc123defg.execute-api.us-east-1.amazonaws.com","Origin":"%s","Referer":"%s/jobs",\
                "User-Agent":"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0",\
                "X-Amzn-Trace-Id":"Root=1-67891233-abcdef012345678912345678","X-Forwarded-For":"203.0.113.7, 130.176.0.1",\
                "X-Forwarded-Port":"443","X-Forwarded-Proto":"https\"""".formatted("x".repeat(600), ORIGIN, ORIGIN);
        String multiValueHeaders = headers.replaceAll("\":\"([^\"]*)\"", "\":[\"$1\"]");
        return ("{\"resource\":\"/v1/jobs/{id}\",\"path\":\"/v1/jobs/%1$s\",\"httpMethod\":\"GET\","
                + "\"headers\":{%2$s},\"multiValueHeaders\":{%3$s},"
                + "\"queryStringParameters\":null,\"multiValueQueryStringParameters\":null,"
                + "\"pathParameters\":{\"id\":\"%1$s\"},\"stageVariables\":null,"
                + "\"requestContext\":{\"resourceId\":\"a1b2c3\",\"resourcePath\":\"/v1/jobs/{id}\","
                + "\"httpMethod\":\"GET\",\"extendedRequestId\":\"c6af9ac6-ext\",\"requestTime\":\"01/Jan/2026:00:00:00 +0000\","
                + "\"path\":\"/prod/v1/jobs/%1$s\",\"accountId\":\"123456789012\",\"protocol\":\"HTTP/1.1\","
                + "\"stage\":\"prod\",\"domainPrefix\":\"abc123defg\",\"requestTimeEpoch\":1767225600000,"
                + "\"requestId\":\"c6af9ac6-7b61-11e6-9a41-93e8deadbeef\","
                + "\"identity\":{\"sourceIp\":\"203.0.113.7\",\"userAgent\":\"Mozilla/5.0 (X11; Linux x86_64)\"},"
                + "\"domainName\":\"abc123defg.execute-api.us-east-1.amazonaws.com\",\"apiId\":\"abc123defg\","
                + "\"authorizer\":{\"claims\":{\"sub\":\"%4$s\",\"token_use\":\"id\",\"email\":\"someone@example.com\","
                + "\"cognito:username\":\"%4$s\",\"iss\":\"https://cognito-idp.us-east-1.amazonaws.com/us-east-1_bench\"}}},"
                + "\"body\":null,\"isBase64Encoded\":false}").formatted(READ_JOB_ID, headers, multiValueHeaders, USER_ID);
    }

    /** Event {@code i} of the projector's run: the {@code i % 3}-th status of job {@code i / 3}. */
    private static String jobEvent(String jobPrefix, int i, Instant at) {
        JobStatus status = STATUSES[i % 3];
        String jobId = jobPrefix + (i / 3);
        JobStatusChanged change = new JobStatusChanged(jobId, USER_ID, status, at, 1,
                status == JobStatus.PROCESSING ? 50 : null, null,
                status == JobStatus.COMPLETED ? "https://cdn.example.com/videos/" + jobId + ".mp4" : null);
        return EventJson.envelope(new JobEvent(jobPrefix + "event-" + i, SOURCE, change), at).toString();
    }
}
