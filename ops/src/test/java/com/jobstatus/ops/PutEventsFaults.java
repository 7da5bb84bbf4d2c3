package com.jobstatus.ops;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * Makes a real EventBridge server (moto) answer PutEvents the ways AWS fails it: whole requests throttled,
 * and single entries of an accepted request failed with an error code. A failed entry is taken out of the
 * request before it is sent and a throttled request is never executed, so what the server receives is
 * exactly what the caller is told was accepted: any loss or duplicate the test finds is the caller's.
 * The same trick as {@code DynamoFaults} in the store module's tests.
 */
final class PutEventsFaults implements ExecutionInterceptor {

    private static final String THROTTLED = "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}";
    private static final String NOTHING_SENT = "{\"FailedEntryCount\":0,\"Entries\":[]}";
    private static final ExecutionAttribute<Boolean> THROTTLE = new ExecutionAttribute<>("PutEventsFaults.throttle");
    private static final ExecutionAttribute<Boolean> ALL_FAILED = new ExecutionAttribute<>("PutEventsFaults.allFailed");
    private static final ExecutionAttribute<Map<Integer, String>> FAILED =
            new ExecutionAttribute<>("PutEventsFaults.failed");

    /** One PutEvents request as the caller made it: how many entries, and their total size as EventBridge counts it. */
    record Request(int entries, long size) {
    }

    private final Random random;
    private final double throttleRate;
    private final double entryFailureRate;
    private final Function<PutEventsRequestEntry, String> poison;
    private final AtomicInteger throttledRequests = new AtomicInteger();
    private final AtomicInteger failedEntries = new AtomicInteger();
    private final List<Request> requests = new ArrayList<>();

    /**
     * @param throttleRate     share of requests throttled as a whole
     * @param entryFailureRate share of entries failed with ThrottlingException or InternalFailure
     * @param poison           the error code an entry fails with every time, or null for most entries
     */
    PutEventsFaults(long seed, double throttleRate, double entryFailureRate,
                    Function<PutEventsRequestEntry, String> poison) {
        this.random = new Random(seed);
        this.throttleRate = throttleRate;
        this.entryFailureRate = entryFailureRate;
        this.poison = poison;
    }

    int throttledRequests() {
        return throttledRequests.get();
    }

    int failedEntries() {
        return failedEntries.get();
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Once per call, before any attempt: decides the call's fate and takes the failed entries out. */
    @Override
    public synchronized SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        if (!(context.request() instanceof PutEventsRequest request)) {
            return context.request();
        }
        requests.add(new Request(request.entries().size(),
                request.entries().stream().mapToLong(PutEventsEntries::size).sum()));
        if (random.nextDouble() < throttleRate) {
            throttledRequests.incrementAndGet();
            attributes.putAttribute(THROTTLE, Boolean.TRUE);
            return request;
        }
        Map<Integer, String> failed = new TreeMap<>();
        List<PutEventsRequestEntry> kept = new ArrayList<>();
        for (int i = 0; i < request.entries().size(); i++) {
            PutEventsRequestEntry entry = request.entries().get(i);
            String poisonCode = poison.apply(entry);
            if (poisonCode != null) {
                failed.put(i, poisonCode);
            } else if (random.nextDouble() < entryFailureRate) {
                failed.put(i, random.nextBoolean() ? "ThrottlingException" : "InternalFailure");
            } else {
                kept.add(entry);
            }
        }
        if (failed.isEmpty()) {
            return request;
        }
        failedEntries.addAndGet(failed.size());
        attributes.putAttribute(FAILED, failed);
        if (kept.isEmpty()) {
            attributes.putAttribute(ALL_FAILED, Boolean.TRUE);
            return request;
        }
        return request.toBuilder().entries(kept).build();
    }

    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        if (!executed(attributes)) {
            // an operation the server does not know: it executes nothing
            return context.httpRequest().toBuilder().putHeader("X-Amz-Target", "AWSEvents.InjectedFault").build();
        }
        return context.httpRequest();
    }

    @Override
    public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        if (Boolean.TRUE.equals(attributes.getAttribute(THROTTLE))) {
            return context.httpResponse().toBuilder().statusCode(400).statusText("Bad Request")
                    .putHeader("x-amzn-ErrorType", "ThrottlingException").build();
        }
        if (Boolean.TRUE.equals(attributes.getAttribute(ALL_FAILED))) {
            return context.httpResponse().toBuilder().statusCode(200).statusText("OK")
                    .removeHeader("x-amzn-ErrorType").build();
        }
        return context.httpResponse();
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                                                           ExecutionAttributes attributes) {
        if (Boolean.TRUE.equals(attributes.getAttribute(THROTTLE))) {
            return Optional.of(new ByteArrayInputStream(THROTTLED.getBytes(StandardCharsets.UTF_8)));
        }
        if (Boolean.TRUE.equals(attributes.getAttribute(ALL_FAILED))) {
            return Optional.of(new ByteArrayInputStream(NOTHING_SENT.getBytes(StandardCharsets.UTF_8)));
        }
        return context.responseBody();
    }

    /** Puts the failed entries' results back where their entries were in the caller's request. */
    @Override
    public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
        Map<Integer, String> failed = attributes.getAttribute(FAILED);
        if (failed == null || !(context.response() instanceof PutEventsResponse response)) {
            return context.response();
        }
        int total = response.entries().size() + failed.size();
        Iterator<PutEventsResultEntry> sent = response.entries().iterator();
        List<PutEventsResultEntry> results = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            String code = failed.get(i);
            results.add(code == null ? sent.next()
                    : PutEventsResultEntry.builder().errorCode(code).errorMessage("injected " + code).build());
        }
        return response.toBuilder().entries(results)
                .failedEntryCount(response.failedEntryCount() + failed.size()).build();
    }

    private static boolean executed(ExecutionAttributes attributes) {
        return !Boolean.TRUE.equals(attributes.getAttribute(THROTTLE))
                && !Boolean.TRUE.equals(attributes.getAttribute(ALL_FAILED));
    }
}
