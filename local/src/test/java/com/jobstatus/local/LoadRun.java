package com.jobstatus.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.jobstatus.projector.JobHistories;
import com.jobstatus.schemas.EventJson;
import com.jobstatus.schemas.JobEvent;
import com.jobstatus.schemas.JobStatusChanged;
import com.jobstatus.schemas.Json;
import com.jobstatus.store.DynamoJobRepository;
import com.jobstatus.store.JobRecord;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A load with disorder through the whole local pipeline, PutEvents → bus → rule → queue → pollers →
 * ProjectorFn → table, then a check that the table is exactly what the pure merge makes of the same events.
 *
 * <p>Disorder: several attempts per job, progress updates, equal timestamps, the whole stream shuffled across
 * jobs, and a share of events published twice (a producer retry: EventBridge gives the copy its own id, so
 * it is a second event with the same content). Pollers run concurrently, so events of one job race.
 */
final class LoadRun {

    /** What to send. {@code invalid} events break the contract on purpose: they alone may end in the failure queue. */
    record Spec(int jobs, int users, double duplicateShare, int invalid, long seed) {
    }

    /**
     * @param mismatches jobs whose stored item differs from the expected one (missing or wrong), with both
     * @param unexpectedFailures failure-queue messages that are not among the deliberately invalid events
     */
    record Result(int events, int jobs, Duration elapsed, List<String> mismatches, int failureQueue,
                  List<String> unexpectedFailures, Set<String> missingInvalid) {

        double eventsPerSecond() {
            return events / (elapsed.toMillis() / 1000.0);
        }

        boolean exact() {
            return mismatches.isEmpty() && unexpectedFailures.isEmpty() && missingInvalid.isEmpty();
        }

        String summary() {
            return String.format("%,d events for %,d jobs in %.1f s: %.0f events/s; %d jobs wrong or missing; "
                            + "failure queue %d (%d unexpected, %d invalid missing)", events, jobs,
                    elapsed.toMillis() / 1000.0, eventsPerSecond(), mismatches.size(), failureQueue,
                    unexpectedFailures.size(), missingInvalid.size());
        }
    }

    private static final int CHECKERS = 4;
    private static final int CHECK_BACKLOG_EVERY = 100;
    /**
     * Publishing pauses while the rule's queue holds more than this. Not a property of the service: moto's SQS
     * scans the whole queue on every receive, so a backlog of thousands makes each receive take seconds and
     * the run measures moto instead of the pipeline. Lambda's own async queue has no such cost.
     */
    private static final int MAX_BACKLOG = 300;
    private static final Duration TTL = Duration.ofDays(30);

    private final LocalStack stack;

    LoadRun(LocalStack stack) {
        this.stack = stack;
    }

    Result run(Spec spec, Duration timeout) throws Exception {
        Random random = new Random(spec.seed());
        Instant start = Instant.now().minus(Duration.ofHours(2));
        List<JobStatusChanged> deliveries = new ArrayList<>();
        for (int job = 0; job < spec.jobs(); job++) {
            String user = "load-user-" + (job % spec.users());
            for (JobEvent event : JobHistories.history(random, start.plusMillis(random.nextInt(3_600_000)),
                    "load-" + spec.seed() + "-" + job, user)) {
                deliveries.add(event.detail());
                if (random.nextDouble() < spec.duplicateShare()) {
                    deliveries.add(event.detail());
                }
            }
        }
        Collections.shuffle(deliveries, random);

        Instant began = Instant.now();
        Map<String, JobStatusChanged> published = publish(deliveries);
        Set<String> invalidIds = publishInvalid(spec.invalid(), spec.seed());
        awaitDrained(timeout);
        Duration elapsed = Duration.between(began, Instant.now());

        List<String> mismatches = compare(published);
        Map<String, String> failed = drainFailureQueue();
        List<String> unexpected = failed.entrySet().stream().filter(e -> !invalidIds.contains(e.getKey()))
                .map(Map.Entry::getValue).toList();
        Set<String> missingInvalid = new HashSet<>(invalidIds);
        missingInvalid.removeAll(failed.keySet());
        return new Result(published.size() + invalidIds.size(), spec.jobs(), elapsed, mismatches, failed.size(),
                unexpected, missingInvalid);
    }

    /**
     * PutEvents in batches of 10, in the shuffled order; the ids EventBridge assigns are the events' ids. One
     * publisher is enough: the projector side is the bottleneck, and the backlog check needs a steady pace.
     */
    private Map<String, JobStatusChanged> publish(List<JobStatusChanged> deliveries) throws InterruptedException {
        Map<String, JobStatusChanged> byId = new HashMap<>();
        for (int from = 0; from < deliveries.size(); from += 10) {
            if (from % CHECK_BACKLOG_EVERY == 0) {
                awaitBacklogBelow(MAX_BACKLOG);
            }
            byId.putAll(put(deliveries.subList(from, Math.min(from + 10, deliveries.size())), change -> EventJson.detail(change).toString()));
        }
        return byId;
    }

    private Set<String> publishInvalid(int count, long seed) {
        List<String> details = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            details.add("{\"jobId\":\"invalid-" + seed + "-" + i + "\",\"userId\":\"load-user-0\",\"status\":\"RUNNING\","
                    + "\"occurredAt\":\"" + Instant.now() + "\"}");
        }
        Set<String> ids = new HashSet<>();
        for (int from = 0; from < details.size(); from += 10) {
            ids.addAll(put(details.subList(from, Math.min(from + 10, details.size())), d -> d).keySet());
        }
        return ids;
    }

    private <T> Map<String, T> put(List<T> batch, java.util.function.Function<T, String> detail) {
        StackInfo info = stack.info();
        List<PutEventsRequestEntry> entries = batch.stream().map(d -> PutEventsRequestEntry.builder()
                .eventBusName(info.eventBusName()).source(info.eventSource()).detailType(info.detailType())
                .detail(detail.apply(d)).build()).toList();
        PutEventsResponse response = stack.aws().events.putEvents(b -> b.entries(entries));
        if (response.failedEntryCount() != 0) {
            throw new IllegalStateException("the local bus refused " + response.failedEntryCount() + " entries");
        }
        Map<String, T> byId = new HashMap<>();
        List<PutEventsResultEntry> results = response.entries();
        for (int i = 0; i < batch.size(); i++) {
            byId.put(results.get(i).eventId(), batch.get(i));
        }
        return byId;
    }

    /** Until the rule's queue holds nothing, waiting or in flight, twice in a row; polled, bounded. */
    private void awaitDrained(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int emptyInARow = 0;
        while (emptyInARow < 2) {
            int backlog = backlog();
            emptyInARow = backlog == 0 ? emptyInARow + 1 : 0;
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the pipeline did not drain within " + timeout + ": " + backlog + " left");
            }
            TimeUnit.MILLISECONDS.sleep(250); // a poll interval, not a wait for an outcome
        }
    }

    private void awaitBacklogBelow(int limit) throws InterruptedException {
        while (backlog() > limit) {
            TimeUnit.MILLISECONDS.sleep(100); // a poll interval
        }
    }

    /** Events on the rule's queue, waiting or being handled. */
    private int backlog() {
        Map<QueueAttributeName, String> attributes = stack.aws().sqs.getQueueAttributes(b -> b
                .queueUrl(stack.invocationQueueUrl()).attributeNames(
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return attributes.values().stream().mapToInt(Integer::parseInt).sum();
    }

    private List<String> compare(Map<String, JobStatusChanged> published) throws Exception {
        Map<String, List<JobEvent>> byJob = new HashMap<>();
        published.forEach((id, change) -> byJob.computeIfAbsent(change.jobId(), k -> new ArrayList<>())
                .add(new JobEvent(id, stack.info().eventSource(), change)));
        DynamoJobRepository table = new DynamoJobRepository(stack.aws().dynamo, stack.info().tableName());
        Instant now = Instant.now();
        List<String> mismatches = Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService pool = Executors.newFixedThreadPool(CHECKERS)) {
            List<Future<?>> checks = new ArrayList<>();
            for (Map.Entry<String, List<JobEvent>> job : byJob.entrySet()) {
                checks.add(pool.submit(() -> {
                    JobRecord expected = JobHistories.project(job.getValue(), now, TTL);
                    JobRecord stored = table.find(job.getKey()).orElse(null);
                    if (stored == null || !expected.withVersion(0).equals(stored.withVersion(0))) {
                        mismatches.add(job.getKey() + ": expected " + expected + " but stored " + stored);
                    }
                }));
            }
            for (Future<?> check : checks) {
                check.get();
            }
        }
        return mismatches;
    }

    /** Every message in the failure queue, by the event id in its body. */
    private Map<String, String> drainFailureQueue() throws IOException {
        Map<String, String> failed = new HashMap<>();
        while (true) {
            List<Message> messages = stack.aws().sqs.receiveMessage(b -> b.queueUrl(stack.info().failureQueueUrl())
                    .maxNumberOfMessages(10).messageAttributeNames("All")).messages();
            if (messages.isEmpty()) {
                return failed;
            }
            for (Message message : messages) {
                JsonNode body = Json.MAPPER.readTree(message.body());
                failed.put(body.path("id").asText(), message.body());
                stack.aws().sqs.deleteMessage(b -> b.queueUrl(stack.info().failureQueueUrl())
                        .receiptHandle(message.receiptHandle()));
            }
        }
    }
}
