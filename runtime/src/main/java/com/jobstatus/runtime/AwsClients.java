package com.jobstatus.runtime;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Builds AWS SDK v2 clients the one way this service uses them: the URLConnection HTTP client (the
 * lightest to load, which matters on a 256 MB function), explicit region, credentials and timeouts.
 * Build each client once per container and share it; they are thread-safe.
 */
public final class AwsClients {

    static final int MAX_ATTEMPTS = 3;
    /** Shorter than every timeout in {@link AwsSettings}, so that the do-nothing task stays first in the queue. */
    private static final Duration HEAD_OF_QUEUE = Duration.ofSeconds(1);

    /**
     * The timers behind the call and attempt timeouts, one daemon thread for all clients that drops a timer once it
     * is cancelled, with a do-nothing task at the head of its queue so that later timers never wake it: the SDK's
     * default (five threads per client) spends CPU on every request (BENCHMARKS.md, row {@code 0e0f20d}). Never shut
     * down: it lives as long as the function.
     */
    private static final ScheduledExecutorService TIMEOUTS = timeouts();

    private AwsClients() {
    }

    private static ScheduledExecutorService timeouts() {
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "aws-call-timeouts");
            thread.setDaemon(true);
            return thread;
        });
        timers.setRemoveOnCancelPolicy(true);
        timers.scheduleAtFixedRate(() -> { }, HEAD_OF_QUEUE.toMillis(), HEAD_OF_QUEUE.toMillis(), TimeUnit.MILLISECONDS);
        return timers;
    }

    public static DynamoDbClient dynamo(AwsSettings settings) {
        return configure(DynamoDbClient.builder(), settings).build();
    }

    /**
     * Applies the settings to any SDK client builder (DynamoDB, SQS, EventBridge, ...). Finish with
     * {@code build()}; do not call {@code overrideConfiguration} again, it would replace these settings.
     */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(
            B builder, AwsSettings settings) {
        builder.httpClient(UrlConnectionHttpClient.create())
                .region(settings.region())
                .credentialsProvider(settings.credentials())
                .overrideConfiguration(o -> o
                        // DynamoDB's SDK default is 9 attempts with throttling back-off: far longer than a
                        // reader may make a browser wait. Three, then the caller decides (503, or a retry
                        // of the whole invocation by Lambda).
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(MAX_ATTEMPTS).build())
                        .apiCallTimeout(settings.apiCallTimeout())
                        .apiCallAttemptTimeout(settings.attemptTimeout())
                        .scheduledExecutorService(TIMEOUTS)
                        .executionInterceptors(settings.interceptors()));
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        return builder;
    }
}
