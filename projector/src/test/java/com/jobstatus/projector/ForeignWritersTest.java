package com.jobstatus.projector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jobstatus.schemas.EventContract;
import com.jobstatus.schemas.EventJson;
import com.jobstatus.schemas.JobEvent;
import com.jobstatus.schemas.JobStatus;
import com.jobstatus.schemas.JobStatusChanged;
import com.jobstatus.store.InMemoryJobRepository;
import com.jobstatus.store.JobRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Property tests of events merging into items other writers write too (docs/DESIGN.md §4), over seeded random
 * scripts: another writer seeds the item (FalInvoker's J-02 PutItem), events arrive in any order and any number
 * of times, and meanwhile the other writer updates the status (the job submitter's UpdateItem) or blindly puts
 * the whole item again. Every failure message names its seed.
 *
 * <p>What "converges" means with other writers (docs/DESIGN.md §4): after any such script the job
 * readers see is the greater, in the order of docs/DESIGN.md §5, of (a) what the events since the other
 * writer's last blind PutItem say, by the rules of section 5, and (b) the other writer's last write, ranked as a
 * state of attempt 1 at its {@code updatedAt} (else {@code createdAt}), just below an event saying the same at the
 * same time; {@code createdAt} is the earliest of those events and the PutItem's. So it depends on the set of
 * events, never on their order or repetitions, and on the other writer's last word, never on when it came
 * between the events. A blind PutItem replaces the item, events before it included: it is the other writer's new
 * item (a replay of the archive brings those events back).
 */
class ForeignWritersTest {

    private static final Instant NOW = ProjectorServiceTest.CLOCK.instant();
    private static final Duration TTL = Duration.ofDays(30);
    private static final int SCRIPTS = 200;
    private static final int ORDERS_PER_SCRIPT = 5;

    /** How the other writers spell statuses, and what each must read as: written out here, apart from the code. */
    private static final Map<String, JobStatus> SPELLINGS = new LinkedHashMap<>();

    static {
        SPELLINGS.put("queued", JobStatus.QUEUED);
        SPELLINGS.put("QUEUED", JobStatus.QUEUED);
        SPELLINGS.put("PENDING", JobStatus.QUEUED);
        SPELLINGS.put("Processing", JobStatus.PROCESSING);
        SPELLINGS.put("ROUTED", JobStatus.PROCESSING);
        SPELLINGS.put("routed", JobStatus.PROCESSING);
        SPELLINGS.put("completed", JobStatus.COMPLETED);
        SPELLINGS.put("COMPLETED", JobStatus.COMPLETED);
        SPELLINGS.put("failed", JobStatus.FAILED);
        SPELLINGS.put("FAILED", JobStatus.FAILED);
        SPELLINGS.put("REJECTED", JobStatus.FAILED);
    }

    /** One step of a script: an event delivered, or a write by the other writer. */
    private sealed interface Step permits Deliver, Put, Update {
    }

    private record Deliver(JobEvent event) implements Step {
    }

    /** The other writer's state as it means it: status, time, and the reason it gave, if any. */
    private record Said(JobStatus status, Instant at, String reason) {
    }

    private record Put(Map<String, AttributeValue> item, Said said, Instant createdAt) implements Step {
    }

    private record Update(Map<String, AttributeValue> set, Said said) implements Step {
    }

    @Test
    void anyMixOfOtherWritersWritesAndEventsConvergesToTheGreaterOfTheEventsAndTheOtherWritersLastWord() {
        for (long seed = 1; seed <= SCRIPTS; seed++) {
            Random random = new Random(seed);
            Instant start = NOW.minus(Duration.ofHours(1 + random.nextInt(48)));
            List<JobEvent> history = JobHistories.history(random, start);
            for (int order = 0; order < ORDERS_PER_SCRIPT; order++) {
                List<Step> script = script(random, history, start);
                InMemoryJobRepository table = new InMemoryJobRepository();
                ProjectorService service = service(table);
                InMemoryJobRepository readFirst = new ProjectorServiceTest.ReadFirstRepository();
                ProjectorService readingService = service(readFirst);
                for (int i = 0; i < script.size(); i++) {
                    run(service, table, script.get(i), seed);
                    run(readingService, readFirst, script.get(i), seed);
                    String at = "seed " + seed + ", order " + order + ", after step " + i;
                    assertEquals(readFirst.item("job-1"), table.item("job-1"),
                            at + ": a write without a read leaves exactly what read, merge and write leave");
                    JobRecord job = table.find("job-1").orElseThrow();
                    assertShownIsExpected(expected(script.subList(0, i + 1)), job, at);
                    assertValidForReaders(job, at);
                }
            }
        }
    }

    @Test
    void anEventMergesIntoTheSeedItWithoutAnyOfOurBookkeepingAndNeverSticks() {
        InMemoryJobRepository table = new InMemoryJobRepository();
        ProjectorService service = service(table);
        Said queued = new Said(JobStatus.QUEUED, NOW.minusSeconds(60), null);
        table.putItem(seedItem("queued", queued.at(), false, null));
        assertNull(table.find("job-1").orElseThrow().projected());

        JobEvent processing = event("e-1", JobStatus.PROCESSING, NOW.minusSeconds(30), 1);
        assertEquals(Outcome.Kind.APPLIED, service.project(delivered(processing)).kind());
        JobRecord merged = table.find("job-1").orElseThrow();
        assertEquals(JobStatus.PROCESSING, merged.status());
        assertEquals(queued.at(), merged.createdAt());
        assertEquals(NOW.minusSeconds(30).plus(TTL).getEpochSecond(), merged.ttl(), "our write sets the TTL");
        assertEquals(1, merged.version());
        assertEquals("PROCESSING", table.item("job-1").get("status").s(), "other readers see our spelling");
        assertEquals(Outcome.Kind.STALE, service.project(delivered(processing)).kind(), "a duplicate");
    }

    @Test
    void aLateEventBelowTheOtherWritersStateIsKeptButNotShownAndTheStateIsNotOverwritten() {
        InMemoryJobRepository table = new InMemoryJobRepository();
        ProjectorService service = service(table);
        table.putItem(seedItem("completed", NOW.minusSeconds(10), true, null));

        JobEvent processing = event("e-2", JobStatus.PROCESSING, NOW.minusSeconds(30), 1);
        assertEquals(Outcome.Kind.APPLIED, service.project(delivered(processing)).kind(), "recorded, not shown");

        JobRecord job = table.find("job-1").orElseThrow();
        assertEquals(JobStatus.COMPLETED, job.status());
        assertEquals(JobStatus.PROCESSING, job.projected().status());
        assertEquals("completed", table.item("job-1").get("status").s(), "its state stays as it wrote it");
        assertEquals("a cat", table.item("job-1").get("prompt").s(), "the other writer's own attributes stay");
    }

    @Test
    void aStaleStatusUpdateOverTheEventsStateNeverShowsAndALaterOneDoes() {
        InMemoryJobRepository table = new InMemoryJobRepository();
        ProjectorService service = service(table);
        service.project(delivered(event("e-1", JobStatus.COMPLETED, NOW.minusSeconds(20), 1)));

        table.updateItem("job-1", Map.of("status", s("ROUTED"), "updatedAt", s(python(NOW.minusSeconds(5)))));
        assertEquals(JobStatus.COMPLETED, table.find("job-1").orElseThrow().status(), "ROUTED ranks below COMPLETED");

        table.updateItem("job-1", Map.of("status", s("FAILED"), "updatedAt", s(python(NOW.minusSeconds(4))),
                "error_message", s("Content policy")));
        JobRecord failed = table.find("job-1").orElseThrow();
        assertEquals(JobStatus.FAILED, failed.status(), "same rank, later");
        assertEquals("Content policy", failed.error().message());
        assertNull(failed.outputUrl());

        assertEquals(Outcome.Kind.STALE,
                service.project(delivered(event("e-1", JobStatus.COMPLETED, NOW.minusSeconds(20), 1))).kind());
        assertEquals(JobStatus.FAILED, table.find("job-1").orElseThrow().status(), "a replay does not undo it");
        JobEvent retry = event("e-3", JobStatus.QUEUED, NOW.minusSeconds(2), 2);
        assertEquals(Outcome.Kind.APPLIED, service.project(delivered(retry)).kind());
        assertEquals(JobStatus.QUEUED, table.find("job-1").orElseThrow().status(), "a retry's events outrank it");
        assertNull(table.find("job-1").orElseThrow().foreign(), "outranked for good: dropped");
    }

    // --- scripts ---

    /**
     * A seed PutItem first; then every event once or more, in random order, with the other writer's status
     * updates and now and then another blind PutItem between them.
     */
    private static List<Step> script(Random random, List<JobEvent> history, Instant start) {
        List<Step> steps = new ArrayList<>();
        ProjectionTest.deliveries(random, history).forEach(event -> steps.add(new Deliver(event)));
        Instant end = history.stream().map(e -> e.detail().occurredAt()).max(Comparator.naturalOrder()).orElseThrow();
        int updates = random.nextInt(4);
        for (int i = 0; i < updates; i++) {
            steps.add(random.nextInt(steps.size() + 1), random.nextInt(6) == 0 ? put(random, start, end)
                    : update(random, start, end));
        }
        steps.addFirst(put(random, start, end));
        return steps;
    }

    private static Put put(Random random, Instant start, Instant end) {
        Instant createdAt = between(random, start.minusSeconds(5), end);
        String spelling = spelling(random);
        boolean withUpdatedAt = random.nextBoolean();
        Instant at = withUpdatedAt ? between(random, createdAt, end.plusSeconds(5)) : createdAt;
        String reason = SPELLINGS.get(spelling) == JobStatus.FAILED && random.nextBoolean() ? "reason " + at : null;
        Map<String, AttributeValue> item = seedItem(spelling, createdAt, false, reason);
        item.put("createdAt", s(timestamp(random, createdAt)));
        if (withUpdatedAt) {
            item.put("updatedAt", s(timestamp(random, at)));
        }
        if (random.nextInt(4) == 0) {
            item.put("ttl", AttributeValue.fromN(Long.toString(NOW.plus(TTL).getEpochSecond())));
        }
        return new Put(item, new Said(SPELLINGS.get(spelling), millis(at), reason), millis(createdAt));
    }

    private static Update update(Random random, Instant start, Instant end) {
        String spelling = spelling(random);
        Instant at = between(random, start, end.plusSeconds(5));
        Map<String, AttributeValue> set = new HashMap<>(Map.of("status", s(spelling), "updatedAt",
                s(timestamp(random, at))));
        String reason = SPELLINGS.get(spelling) == JobStatus.FAILED && random.nextBoolean() ? "reason " + at : null;
        if (reason != null) {
            set.put("error_message", s(reason));
        }
        return new Update(set, new Said(SPELLINGS.get(spelling), millis(at), reason));
    }

    private static void run(ProjectorService service, InMemoryJobRepository table, Step step, long seed) {
        switch (step) {
            case Put put -> table.putItem(put.item());
            case Update update -> table.updateItem("job-1", update.set());
            case Deliver deliver -> {
                Outcome outcome = service.project(delivered(deliver.event()));
                assertNotEquals(Outcome.Kind.REJECTED, outcome.kind(), "seed " + seed + ": " + outcome);
            }
        }
    }

    // --- the oracle: the statement in the class comment, computed without the code under test ---

    /** What readers must see after these steps: the winner (an event or the other writer), and createdAt. */
    private record Expected(JobEvent event, Said said, Instant createdAt) {
    }

    private static Expected expected(List<Step> done) {
        int lastPut = 0;
        for (int i = 0; i < done.size(); i++) {
            if (done.get(i) instanceof Put) {
                lastPut = i;
            }
        }
        Put put = (Put) done.get(lastPut);
        Said last = put.said();
        List<JobEvent> events = new ArrayList<>();
        for (Step step : done.subList(lastPut + 1, done.size())) {
            switch (step) {
                case Update update -> last = update.said();
                case Deliver deliver -> events.add(deliver.event());
                case Put ignored -> throw new IllegalStateException("not after the last put");
            }
        }
        JobEvent best = events.stream().max(ProjectionTest.DESIGN_ORDER).orElse(null);
        Instant createdAt = events.stream().map(e -> millis(e.detail().occurredAt()))
                .reduce(put.createdAt(), (a, b) -> a.isBefore(b) ? a : b);
        return best != null && eventRanksAbove(best, last) ? new Expected(best, null, createdAt)
                : new Expected(null, last, createdAt);
    }

    /** docs/DESIGN.md §5's order, the other writer's state at attempt 1 and just below an equal event. */
    private static boolean eventRanksAbove(JobEvent event, Said said) {
        JobStatusChanged change = event.detail();
        int byAttempt = Integer.compare(change.attempt(), 1);
        if (byAttempt != 0) {
            return byAttempt > 0;
        }
        int byRank = Integer.compare(change.status().rank(), said.status().rank());
        if (byRank != 0) {
            return byRank > 0;
        }
        return !change.occurredAt().isBefore(said.at());
    }

    private static void assertShownIsExpected(Expected expected, JobRecord job, String at) {
        assertEquals(expected.createdAt(), job.createdAt(), at);
        assertEquals("user-1", job.userId(), at);
        if (expected.event() != null) {
            JobStatusChanged change = expected.event().detail();
            assertEquals(List.of(change.status(), change.attempt(), millis(change.occurredAt())),
                    List.of(job.status(), job.attempt(), job.updatedAt()), at + ": the events' state");
            assertEquals(change.status() == JobStatus.PROCESSING ? change.progress() : null, job.progress(), at);
            assertEquals(change.status() == JobStatus.FAILED ? change.error() : null, job.error(), at);
            assertEquals(change.status() == JobStatus.COMPLETED ? change.outputUrl() : null, job.outputUrl(), at);
        } else {
            Said said = expected.said();
            assertEquals(List.of(said.status(), 1, said.at()), List.of(job.status(), job.attempt(), job.updatedAt()),
                    at + ": the other writer's state");
            if (said.reason() != null) {
                assertEquals(said.reason(), job.error().message(), at);
            }
        }
    }

    /** Whatever the mix, a reader gets a job the Read API can show as the contract says. */
    private static void assertValidForReaders(JobRecord job, String at) {
        assertTrue(job.progress() == null || job.status() == JobStatus.PROCESSING, at);
        assertTrue(job.error() == null || job.status() == JobStatus.FAILED, at);
        assertTrue(job.outputUrl() == null || job.status() == JobStatus.COMPLETED, at);
        assertTrue(!job.updatedAt().isBefore(Instant.EPOCH) && job.createdAt() != null, at);
    }

    // --- generators ---

    private static Map<String, AttributeValue> seedItem(String status, Instant createdAt, boolean completed,
                                                        String reason) {
        Map<String, AttributeValue> item = new HashMap<>(Map.of("jobId", s("job-1"), "userId", s("user-1"),
                "status", s(status), "createdAt", s(python(createdAt)), "prompt", s("a cat")));
        if (completed) {
            item.put("outputUrl", s("https://cdn.example.com/other-writer.mp4"));
        }
        if (reason != null) {
            item.put("error_message", s(reason));
        }
        return item;
    }

    private static String spelling(Random random) {
        List<String> spellings = List.copyOf(SPELLINGS.keySet());
        return spellings.get(random.nextInt(spellings.size()));
    }

    /** The spellings of a time other writers use; each reads back to the same millisecond. */
    private static String timestamp(Random random, Instant at) {
        return switch (random.nextInt(5)) {
            case 0 -> python(at);
            case 1 -> DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at.atOffset(ZoneOffset.ofHours(2)));
            case 2 -> DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(at.atOffset(ZoneOffset.UTC));
            case 3 -> Long.toString(at.toEpochMilli());
            default -> millis(at).toString();
        };
    }

    /** Python's {@code datetime.now(timezone.utc).isoformat()}, as the job submitter writes. */
    private static String python(Instant at) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC));
    }

    private static Instant between(Random random, Instant from, Instant to) {
        long span = Math.max(1, Duration.between(from, to).toNanos() / 1000);
        return from.plus(random.nextLong(span), ChronoUnit.MICROS);
    }

    private static Instant millis(Instant at) {
        return at.truncatedTo(ChronoUnit.MILLIS);
    }

    private static JobEvent event(String id, JobStatus status, Instant at, int attempt) {
        return new JobEvent(id, EventContract.DEFAULT_SOURCE, new JobStatusChanged("job-1", "user-1", status, at,
                attempt, status == JobStatus.PROCESSING ? 30 : null, null,
                status == JobStatus.COMPLETED ? "https://cdn.example.com/ours.mp4" : null));
    }

    private static ProjectorService service(InMemoryJobRepository table) {
        return new ProjectorService(new EventContract(Set.of(EventContract.DEFAULT_SOURCE), ProjectorServiceTest.CLOCK),
                table, new ProjectorServiceTest.RecordingFailureQueue(), new ProjectorServiceTest.RecordingMetrics(),
                ProjectorServiceTest.CLOCK, TTL);
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    /** The event as the rule delivers it, now. */
    private static String delivered(JobEvent event) {
        return EventJson.envelope(event, Instant.now()).toString();
    }
}
