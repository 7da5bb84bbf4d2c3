package com.jobstatus.projector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.jobstatus.schemas.EventContract;
import com.jobstatus.schemas.EventJson;
import com.jobstatus.schemas.JobError;
import com.jobstatus.schemas.JobEvent;
import com.jobstatus.schemas.JobStatus;
import com.jobstatus.schemas.JobStatusChanged;
import com.jobstatus.store.InMemoryJobRepository;
import com.jobstatus.store.JobRecord;
import com.jobstatus.store.OrderKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Property tests of the merge over seeded random job histories: several attempts, progress updates,
 * terminal states, duplicates, reordering. Every failure message names its seed, so it can be replayed.
 */
class ProjectionTest {

    private static final Duration TTL = Duration.ofDays(30);
    private static final Instant NOW = Instant.parse("2024-07-01T00:00:00Z");
    private static final int HISTORIES = 400;
    private static final int ORDERS_PER_HISTORY = 25;

    /** Independent of {@link com.jobstatus.store.OrderKey}: the order docs/DESIGN.md §5 states, written out again. */
    static final Comparator<JobEvent> DESIGN_ORDER = Comparator
            .comparingInt((JobEvent e) -> e.detail().attempt())
            .thenComparingInt(e -> e.detail().status().rank())
            .thenComparing(e -> e.detail().occurredAt())
            .thenComparing(JobEvent::id);

    @Test
    void theKeysStringOrderIsTheDesignOrderUpToTheAttemptBound() {
        Random random = new Random(11);
        Instant start = NOW.minus(Duration.ofDays(1));
        for (int i = 0; i < 20_000; i++) {
            JobEvent a = randomEvent(random, start);
            JobEvent b = random.nextInt(4) == 0 ? sameAttempt(random, a, start) : randomEvent(random, start);
            assertEquals(Integer.signum(DESIGN_ORDER.compare(a, b)), Integer.signum(OrderKey.of(a).compareTo(OrderKey.of(b))),
                    a + " vs " + b);
            assertEquals(Integer.signum(DESIGN_ORDER.compare(a, b)),
                    Integer.signum(OrderKey.compare(OrderKey.of(a), OrderKey.of(b))), a + " vs " + b);
        }
        assertEquals(4, OrderKey.ATTEMPT_WIDTH);
    }

    @Test
    void keysStoredBeforeAttemptWasCappedStillCompareByAttemptThenTheRest() {
        // written with a 10-digit attempt field: attempt 2, PROCESSING
        String stored = "0000000002|1|2024-06-30T00:00:00.000000000Z|e-old";
        Instant at = Instant.parse("2024-06-30T00:00:00Z");
        assertTrue(OrderKey.compare(OrderKey.of(event("e-3", 3, JobStatus.QUEUED, at.minusSeconds(60))), stored) > 0);
        assertTrue(OrderKey.compare(OrderKey.of(event("e-1", 1, JobStatus.COMPLETED, at.plusSeconds(60))), stored) < 0);
        assertTrue(OrderKey.compare(OrderKey.of(event("e-2", 2, JobStatus.COMPLETED, at)), stored) > 0);
        assertTrue(OrderKey.compare(OrderKey.of(event("e-2", 2, JobStatus.QUEUED, at)), stored) < 0);
        assertEquals(0, OrderKey.compare(stored, stored));
        assertTrue(OrderKey.compare(OrderKey.of(event("e-1", 1, JobStatus.QUEUED, at)), null) > 0,
                "an item without a key (written by someone else) is outranked by any event");
    }

    private static JobEvent randomEvent(Random random, Instant start) {
        int attempt = random.nextBoolean() ? 1 + random.nextInt(3) : 1 + random.nextInt(JobStatusChanged.MAX_ATTEMPT);
        return event("e-" + random.nextInt(1000), attempt, JobStatus.values()[random.nextInt(4)],
                start.plusNanos(random.nextLong(3_600_000_000_000L)));
    }

    private static JobEvent sameAttempt(Random random, JobEvent other, Instant start) {
        return event("e-" + random.nextInt(1000), other.detail().attempt(), JobStatus.values()[random.nextInt(4)],
                random.nextBoolean() ? other.detail().occurredAt() : start.plusNanos(random.nextLong(1_000_000L)));
    }

    private static JobEvent event(String id, int attempt, JobStatus status, Instant at) {
        return new JobEvent(id, "jobs.fal-invoker", new JobStatusChanged("job-1", "user-1", status, at, attempt,
                null, null, null));
    }

    @Test
    void everyOrderAndRepetitionOfAHistoryConvergesToTheItemTheRulesDescribe() {
        for (long seed = 1; seed <= HISTORIES; seed++) {
            Random random = new Random(seed);
            List<JobEvent> history = JobHistories.history(random, NOW.minus(Duration.ofDays(2)));
            JobRecord expected = expected(history);
            for (int order = 0; order < ORDERS_PER_HISTORY; order++) {
                JobRecord result = fold(deliveries(random, history), seed);
                assertEquals(content(expected), content(result), "seed " + seed + ", order " + order);
            }
        }
    }

    /**
     * The service writes the common events without reading (JobRepository.advance): over every delivery of random
     * histories it leaves, after each event, exactly the item that reading, merging and writing leaves, with the
     * merge's version count, and it does take that way for most applied events.
     */
    @Test
    void throughTheServiceEachDeliveryLeavesExactlyTheItemOfReadMergeAndWrite() {
        int applied = 0;
        int withoutRead = 0;
        for (long seed = 1; seed <= HISTORIES / 4; seed++) {
            Random random = new Random(seed);
            List<JobEvent> history = JobHistories.history(random, NOW.minus(Duration.ofDays(2)));
            List<JobEvent> deliveries = deliveries(random, history);
            ProjectorServiceTest.CountingRepository fast = new ProjectorServiceTest.CountingRepository();
            ProjectorServiceTest.ReadFirstRepository readFirst = new ProjectorServiceTest.ReadFirstRepository();
            for (JobEvent event : deliveries) {
                Outcome outcome = service(fast).project(EventJson.envelope(event, NOW).toString());
                assertEquals(service(readFirst).project(EventJson.envelope(event, NOW).toString()), outcome, "seed " + seed);
                assertEquals(readFirst.item("job-1"), fast.item("job-1"), "seed " + seed + ", after " + event);
                applied += outcome.kind() == Outcome.Kind.APPLIED ? 1 : 0;
            }
            JobRecord stored = fast.find("job-1").orElseThrow();
            assertEquals(fold(deliveries, seed), stored.withVersion(stored.version()), "seed " + seed);
            withoutRead += fast.written();
        }
        assertTrue(withoutRead > applied / 2, withoutRead + " of " + applied + " applied events without a read");
    }

    private static ProjectorService service(InMemoryJobRepository table) {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        return new ProjectorService(new EventContract(Set.of(EventContract.DEFAULT_SOURCE), clock), table,
                new ProjectorServiceTest.RecordingFailureQueue(), new ProjectorServiceTest.RecordingMetrics(), clock, TTL);
    }

    @Test
    void everyPermutationOfASmallHistoryConvergesToOneItem() {
        for (long seed = 1; seed <= 40; seed++) {
            Random random = new Random(seed);
            List<JobEvent> history = JobHistories.history(random, NOW.minus(Duration.ofDays(1)));
            List<JobEvent> small = new ArrayList<>(history.subList(0, Math.min(6, history.size())));
            small.add(small.get(random.nextInt(small.size()))); // one duplicate delivery
            JobRecord expected = expected(small);
            List<List<JobEvent>> permutations = new ArrayList<>();
            permute(small, 0, permutations);
            for (List<JobEvent> permutation : permutations) {
                assertEquals(content(expected), content(fold(permutation, seed)), "seed " + seed);
            }
            assertTrue(permutations.size() >= 2, "seed " + seed);
        }
    }

    @Test
    void aTerminalStatusNeverRegressesWithinAnAttempt() {
        for (long seed = 1; seed <= HISTORIES; seed++) {
            Random random = new Random(seed);
            List<JobEvent> history = JobHistories.history(random, NOW.minus(Duration.ofDays(3)));
            JobRecord current = null;
            for (JobEvent event : deliveries(random, history)) {
                if (Projection.merge(current, event, NOW, TTL) instanceof Decision.Write write) {
                    JobRecord next = write.next();
                    if (current != null && current.status().isTerminal() && next.attempt() == current.attempt()) {
                        assertTrue(next.status().isTerminal(), "seed " + seed + ": " + current.status()
                                + " regressed to " + next.status() + " in attempt " + next.attempt());
                    }
                    assertTrue(current == null || next.attempt() >= current.attempt(), "seed " + seed);
                    current = next;
                }
            }
        }
    }

    @Test
    void createdAtIsTheEarliestOccurredAtAndTtlIsUpdatedAtPlusThirtyDaysInEpochSeconds() {
        for (long seed = 1; seed <= HISTORIES; seed++) {
            Random random = new Random(seed);
            List<JobEvent> history = JobHistories.history(random, NOW.minus(Duration.ofHours(5)));
            JobRecord result = fold(deliveries(random, history), seed);
            Instant earliest = history.stream().map(e -> e.detail().occurredAt()).min(Comparator.naturalOrder())
                    .orElseThrow().truncatedTo(ChronoUnit.MILLIS);
            assertEquals(earliest, result.createdAt(), "seed " + seed);
            assertEquals(result.updatedAt().plus(TTL).getEpochSecond(), result.ttl(), "seed " + seed);
            assertTrue(result.ttl() < 10_000_000_000L, "ttl must be epoch seconds, not millis");
        }
    }

    @Test
    void eventsOlderThanTheTtlWindowAreNeverWrittenSoReplaysCannotResurrectExpiredJobs() {
        for (long seed = 1; seed <= 100; seed++) {
            Random random = new Random(seed);
            // starts just over 30 days ago: the early events are outside the window, the late ones may not be
            List<JobEvent> history = JobHistories.history(random, NOW.minus(TTL).minusSeconds(20));
            JobRecord result = fold(deliveries(random, history), seed);
            assertEquals(content(expected(history)), content(result), "seed " + seed);
            if (result != null) {
                assertTrue(result.createdAt().plus(TTL).isAfter(NOW), "seed " + seed);
            }
        }
        List<JobEvent> ancient = JobHistories.history(new Random(7), NOW.minus(Duration.ofDays(60)));
        assertNull(fold(ancient, 7), "a replay of a long-expired job must not write anything");
    }

    @Test
    void aDuplicateAndASupersededEventAreStaleWithTheirReason() {
        JobEvent queued = event("e1", JobStatus.QUEUED, NOW.minusSeconds(60), 1);
        JobEvent processing = event("e2", JobStatus.PROCESSING, NOW.minusSeconds(50), 1);
        JobRecord afterQueued = write(Projection.merge(null, queued, NOW, TTL));
        JobRecord afterProcessing = write(Projection.merge(afterQueued, processing, NOW, TTL));

        assertEquals(new Decision.Stale(Decision.StaleReason.DUPLICATE),
                Projection.merge(afterProcessing, processing, NOW, TTL));
        assertEquals(new Decision.Stale(Decision.StaleReason.SUPERSEDED),
                Projection.merge(afterProcessing, queued, NOW, TTL));
        assertEquals(2, afterProcessing.version());
    }

    @Test
    void aLateEarlierEventMovesOnlyCreatedAt() {
        JobEvent completed = event("e3", JobStatus.COMPLETED, NOW.minusSeconds(10), 1);
        JobEvent processing = event("e2", JobStatus.PROCESSING, NOW.minusSeconds(40), 1);
        JobRecord afterCompleted = write(Projection.merge(null, completed, NOW, TTL));
        JobRecord afterLate = write(Projection.merge(afterCompleted, processing, NOW, TTL));

        assertEquals(JobStatus.COMPLETED, afterLate.status());
        assertEquals(afterCompleted.updatedAt(), afterLate.updatedAt());
        assertEquals(afterCompleted.outputUrl(), afterLate.outputUrl());
        assertEquals(NOW.minusSeconds(40), afterLate.createdAt());
    }

    @Test
    void anEventNamingAnotherOwnerIsRejectedNotApplied() {
        JobRecord owned = write(Projection.merge(null, event("e1", JobStatus.QUEUED, NOW.minusSeconds(9), 1), NOW, TTL));
        JobEvent hijack = new JobEvent("e2", "jobs.fal-invoker", new JobStatusChanged("job-1", "mallory",
                JobStatus.COMPLETED, NOW.minusSeconds(5), 1, null, null, "https://evil.example.com/x.mp4"));

        Decision.Reject reject = assertInstanceOf(Decision.Reject.class, Projection.merge(owned, hijack, NOW, TTL));
        assertEquals("owner", reject.rule());
        assertTrue(reject.reason().contains("another user"), reject.reason());
    }

    @Test
    void onlyTheFieldsTheWinningStatusAllowsAreKept() {
        JobRecord processing = write(Projection.merge(null, new JobEvent("e1", "s", new JobStatusChanged("job-1", "u",
                JobStatus.PROCESSING, NOW.minusSeconds(9), 1, 55, null, null)), NOW, TTL));
        JobRecord failed = write(Projection.merge(processing, new JobEvent("e2", "s", new JobStatusChanged("job-1",
                "u", JobStatus.FAILED, NOW.minusSeconds(5), 1, null, new JobError("X", "y"), null)), NOW, TTL));

        assertEquals(55, processing.progress());
        assertNull(failed.progress(), "progress belongs to PROCESSING only");
        assertEquals(new JobError("X", "y"), failed.error());
    }

    // --- generators and the oracle ---

    private static JobEvent event(String id, JobStatus status, Instant at, int attempt) {
        return new JobEvent(id, "jobs.fal-invoker", new JobStatusChanged("job-1", "user-1", status, at, attempt,
                status == JobStatus.PROCESSING ? 10 : null, null,
                status == JobStatus.COMPLETED ? "https://cdn.example.com/v.mp4" : null));
    }

    /** The history as EventBridge might deliver it: every event at least once, some twice or three times, any order. */
    static List<JobEvent> deliveries(Random random, List<JobEvent> history) {
        List<JobEvent> deliveries = new ArrayList<>();
        for (JobEvent event : history) {
            int copies = 1 + (random.nextInt(4) == 0 ? 1 + random.nextInt(2) : 0);
            for (int i = 0; i < copies; i++) {
                deliveries.add(event);
            }
        }
        Collections.shuffle(deliveries, random);
        return deliveries;
    }

    private static JobRecord fold(List<JobEvent> deliveries, long seed) {
        JobRecord current = null;
        for (JobEvent event : deliveries) {
            switch (Projection.merge(current, event, NOW, TTL)) {
                case Decision.Write write -> {
                    assertEquals(current == null ? 1 : current.version() + 1, write.next().version());
                    current = write.next();
                }
                case Decision.Stale stale -> { }
                case Decision.Reject reject -> fail("seed " + seed + ": " + reject.reason());
            }
        }
        return current;
    }

    /** What docs/DESIGN.md §5 says the item must be, computed without the code under test. */
    private static JobRecord expected(List<JobEvent> history) {
        List<JobEvent> live = history.stream()
                .filter(e -> e.detail().occurredAt().truncatedTo(ChronoUnit.MILLIS).plus(TTL).isAfter(NOW))
                .toList();
        if (live.isEmpty()) {
            return null;
        }
        JobStatusChanged winner = live.stream().max(DESIGN_ORDER).orElseThrow().detail();
        Instant createdAt = live.stream().map(e -> e.detail().occurredAt().truncatedTo(ChronoUnit.MILLIS))
                .min(Comparator.naturalOrder()).orElseThrow();
        Instant updatedAt = winner.occurredAt().truncatedTo(ChronoUnit.MILLIS);
        return new JobRecord(winner.jobId(), winner.userId(), winner.status(), winner.attempt(), "", createdAt,
                updatedAt, winner.progress(), winner.error(), winner.outputUrl(),
                updatedAt.plus(TTL).getEpochSecond(), 0);
    }

    /** Everything the item says, except the bookkeeping (order key, version) that depends on arrival. */
    private static List<Object> content(JobRecord job) {
        if (job == null) {
            return null;
        }
        List<Object> content = new ArrayList<>();
        Collections.addAll(content, job.jobId(), job.userId(), job.status(), job.attempt(), job.createdAt(),
                job.updatedAt(), job.progress(), job.error(), job.outputUrl(), job.ttl());
        return content;
    }

    private static JobRecord write(Decision decision) {
        return assertInstanceOf(Decision.Write.class, decision).next();
    }

    private static void permute(List<JobEvent> events, int from, List<List<JobEvent>> out) {
        if (from == events.size()) {
            out.add(List.copyOf(events));
            return;
        }
        for (int i = from; i < events.size(); i++) {
            Collections.swap(events, from, i);
            permute(events, from + 1, out);
            Collections.swap(events, from, i);
        }
    }
}
