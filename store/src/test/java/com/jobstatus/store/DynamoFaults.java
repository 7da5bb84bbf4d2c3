package com.jobstatus.store;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * Injects DynamoDB failures into a client talking to a real server, in one of two ways:
 * <ul>
 *   <li>{@link #DynamoFaults(Set, double, long) throttled}: at the chosen rate, a call is turned into one the
 *       server cannot execute and every answer to it into DynamoDB's throttling error, so nothing is written
 *       and the SDK's own retries fail too;</li>
 *   <li>{@link #lostResponses}: at the chosen rate, each attempt reaches the server and is executed, but its
 *       answer is replaced by a 500, as when a response is lost on the way back; the SDK retries, and a
 *       retried conditional write then meets its own earlier success.</li>
 * </ul>
 * Add it to a client with {@code AwsSettings.withInterceptor(faults)}.
 */
public final class DynamoFaults implements ExecutionInterceptor {

    private static final String THROTTLED = "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ThrottlingException\","
            + "\"message\":\"Rate of requests exceeds the allowed throughput.\"}";
    private static final String LOST = "{\"__type\":\"com.amazon.coral.availability#ServiceUnavailableException\","
            + "\"message\":\"Service unavailable (injected: the response was lost)\"}";
    private static final ExecutionAttribute<Boolean> FAILED = new ExecutionAttribute<>("DynamoFaults.failed");

    private final Set<String> operations;
    private final boolean afterExecution;
    private final double rate;
    private final Random random;
    private final AtomicInteger injected = new AtomicInteger();
    private volatile boolean enabled = true;

    /** @param rate the share of calls to fail (1.0: all); the seed makes a run repeatable */
    public DynamoFaults(Set<String> operations, double rate, long seed) {
        this(operations, rate, seed, false);
    }

    private DynamoFaults(Set<String> operations, double rate, long seed, boolean afterExecution) {
        this.operations = Set.copyOf(operations);
        this.rate = rate;
        this.random = new Random(seed);
        this.afterExecution = afterExecution;
    }

    /** Each attempt is executed by the server, and its answer lost at the given rate. */
    public static DynamoFaults lostResponses(Set<String> operations, double rate, long seed) {
        return new DynamoFaults(operations, rate, seed, true);
    }

    /** How many calls were failed so far. */
    public int injected() {
        return injected.get();
    }

    public void enabled(boolean on) {
        enabled = on;
    }

    /** Called once per call, before any attempt: decides its fate and keeps the server from executing it. */
    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        if (afterExecution || !hit(attributes)) {
            return context.httpRequest();
        }
        attributes.putAttribute(FAILED, Boolean.TRUE);
        injected.incrementAndGet();
        return context.httpRequest().toBuilder()
                .putHeader("X-Amz-Target", "DynamoDB_20120810.InjectedFault")
                .build();
    }

    /** Called for every attempt's answer. */
    @Override
    public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        if (afterExecution) {
            boolean lost = hit(attributes);
            attributes.putAttribute(FAILED, lost); // per attempt: the next one may get through
            if (lost) {
                injected.incrementAndGet();
                return context.httpResponse().toBuilder().statusCode(500).statusText("Internal Server Error").build();
            }
            return context.httpResponse();
        }
        if (!Boolean.TRUE.equals(attributes.getAttribute(FAILED))) {
            return context.httpResponse();
        }
        return context.httpResponse().toBuilder().statusCode(400).statusText("Bad Request").build();
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                                                           ExecutionAttributes attributes) {
        if (Boolean.TRUE.equals(attributes.getAttribute(FAILED))) {
            return Optional.of(new ByteArrayInputStream((afterExecution ? LOST : THROTTLED)
                    .getBytes(StandardCharsets.UTF_8)));
        }
        return context.responseBody();
    }

    private boolean hit(ExecutionAttributes attributes) {
        if (!enabled || !operations.contains(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
            return false;
        }
        synchronized (random) {
            return random.nextDouble() < rate;
        }
    }
}
