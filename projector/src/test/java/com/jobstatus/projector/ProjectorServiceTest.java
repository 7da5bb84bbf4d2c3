package com.jobstatus.projector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jobstatus.schemas.EventContract;
import com.jobstatus.schemas.ExampleEvents;
import com.jobstatus.schemas.JobError;
import com.jobstatus.schemas.JobStatus;
import com.jobstatus.store.InMemoryJobRepository;
import com.jobstatus.store.JobRecord;
import com.jobstatus.store.Revision;
import com.jobstatus.store.StoreException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ProjectorServiceTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-25T12:05:00Z"), ZoneOffset.UTC);

    private final InMemoryJobRepository repository = new InMemoryJobRepository();
    private final RecordingFailureQueue failures = new RecordingFailureQueue();
    private final RecordingMetrics metrics = new RecordingMetrics();
    private final ProjectorService service = service(repository);

    static Stream<Path> invalidExamples() {
        return ExampleEvents.invalid().stream();
    }

    @Test
    void theExampleLifecycleEndsCompletedAndItsReplayChangesNothing() {
        for (String name : List.of("queued", "processing", "completed")) {
            assertEquals(Outcome.Kind.APPLIED, project(name).kind(), name);
        }
        JobRecord job = repository.find("job-7f3a9c").orElseThrow();
        assertEquals(JobStatus.COMPLETED, job.status());
        assertEquals(Instant.parse("2024-06-25T12:00:00Z"), job.createdAt());

        for (String name : List.of("completed", "queued", "processing")) {
            assertEquals(Outcome.Kind.STALE, project(name).kind(), name);
        }
        assertEquals(job, repository.find("job-7f3a9c").orElseThrow());
        assertEquals(List.of(3, 3, 0), List.of(metrics.applied, metrics.stale, metrics.rejected));
    }

    /** The platform's own events, as the job submitter and the video generator publish them (docs/DESIGN.md §3). */
    @Test
    void thePlatformsOwnEventsTakeAJobFromSubmittedToRenderedOrFailed() {
        assertEquals(Outcome.Kind.APPLIED, project("video-job-submitted").kind());
        assertEquals(JobStatus.PROCESSING, repository.find("job-8a41d2").orElseThrow().status());

        assertEquals(Outcome.Kind.APPLIED, project("video-rendered").kind());
        JobRecord rendered = repository.find("job-8a41d2").orElseThrow();
        assertEquals(JobStatus.COMPLETED, rendered.status());
        assertEquals("https://v3.fal.media/files/penguin/job-8a41d2.mp4", rendered.outputUrl());
        assertEquals(Instant.parse("2024-06-25T12:00:05.123Z"), rendered.createdAt(), "the submitter's timestamp");
        assertEquals(Outcome.Kind.STALE, project("video-job-submitted").kind(), "a late redelivery");

        assertEquals(Outcome.Kind.APPLIED, project("video-failed").kind());
        JobRecord failed = repository.find("job-8a41d4").orElseThrow();
        assertEquals(new JobError("RENDER_FAILED", "The model could not render this prompt."), failed.error());
        assertTrue(failures.sent.isEmpty(), failures.sent.toString());
    }

    @ParameterizedTest
    @MethodSource("invalidExamples")
    void anInvalidEventGoesToTheFailureQueueWithItsReasonIsCountedAndWritesNothing(Path example) {
        String field = example.getFileName().toString().split("--")[0];
        String raw = ExampleEvents.read(example);

        Outcome outcome = service.project(raw);

        assertEquals(Outcome.Kind.REJECTED, outcome.kind());
        assertTrue(outcome.reason().contains(field), outcome.reason());
        assertEquals(1, failures.sent.size());
        assertEquals(raw, failures.sent.getFirst().rawEvent(), "the event is kept exactly as it arrived");
        assertEquals(outcome.reason(), failures.sent.getFirst().reason());
        assertEquals(1, metrics.rejected);
        assertTrue(repository.all().isEmpty());
    }

    @Test
    void somethingThatIsNotJsonIsRejectedToo() {
        Outcome outcome = service.project("{not json");

        assertEquals(Outcome.Kind.REJECTED, outcome.kind());
        assertEquals("{not json", failures.sent.getFirst().rawEvent());
        assertTrue(outcome.reason().startsWith("the event is not valid JSON"), outcome.reason());
    }

    @Test
    void anEventForAnotherOwnerIsRejectedAndTheJobKeepsItsOwner() {
        project("queued");
        String hijack = ExampleEvents.read(ExampleEvents.valid("processing"))
                .replace("5f1c2a9e-7b1d-4c3a-9e2f-0a1b2c3d4e5f", "mallory");

        Outcome outcome = service.project(hijack);

        assertEquals(Outcome.Kind.REJECTED, outcome.kind());
        assertEquals("owner", failures.sent.getFirst().rule());
        assertEquals(JobStatus.QUEUED, repository.find("job-7f3a9c").orElseThrow().status());
    }

    @Test
    void aNewJobAndItsNextEventsAreOneWriteEachWithoutAReadAndARedeliveryOneRefusedWrite() {
        CountingRepository counting = new CountingRepository();
        ProjectorService counted = service(counting);
        for (String name : List.of("queued", "processing", "completed")) {
            assertEquals(Outcome.Kind.APPLIED, counted.project(ExampleEvents.read(ExampleEvents.valid(name))).kind());
        }
        assertEquals(List.of(3, 0, 0, 0), counting.calls(), "written, refused, reads, read-and-merged writes");

        assertEquals(Outcome.Kind.STALE, counted.project(ExampleEvents.read(ExampleEvents.valid("processing"))).kind());
        assertEquals(List.of(3, 1, 0, 0), counting.calls(), "the refusal carries the job: no read");
        assertEquals(3, counting.find("job-7f3a9c").orElseThrow().version(), "one write per applied event");
    }

    @Test
    void aLateFirstEventIsReadMergedAndWrittenAsBefore() {
        CountingRepository counting = new CountingRepository();
        ProjectorService counted = service(counting);
        assertEquals(Outcome.Kind.APPLIED, counted.project(ExampleEvents.read(ExampleEvents.valid("completed"))).kind());

        assertEquals(Outcome.Kind.APPLIED, counted.project(ExampleEvents.read(ExampleEvents.valid("queued"))).kind());

        assertEquals(List.of(1, 1, 0, 1), counting.calls(), "refused: it moves createdAt, which the merge does");
        JobRecord job = counting.find("job-7f3a9c").orElseThrow();
        assertEquals(List.of(JobStatus.COMPLETED, Instant.parse("2024-06-25T12:00:00Z"), 2L),
                List.of(job.status(), job.createdAt(), job.version()));
    }

    @Test
    void aLostWriteRaceIsMergedAgainAndWon() {
        LosingRepository racing = new LosingRepository(2);
        ProjectorService withRaces = service(racing);

        assertEquals(Outcome.Kind.APPLIED, withRaces.project(ExampleEvents.read(ExampleEvents.valid("queued"))).kind());
        assertEquals(2, metrics.conflicts);
        assertEquals(JobStatus.QUEUED, racing.find("job-7f3a9c").orElseThrow().status());
    }

    @Test
    void endlessWriteRacesFailTheInvocationSoThePlatformRetries() {
        ProjectorService withRaces = service(new LosingRepository(Integer.MAX_VALUE));

        assertThrows(ProjectorService.ConcurrentWriteException.class,
                () -> withRaces.project(ExampleEvents.read(ExampleEvents.valid("queued"))));
        assertTrue(failures.sent.isEmpty(), "a transient failure is retried, not dead-lettered by us");
    }

    @Test
    void aStoreFailurePropagatesAndNothingIsSentToTheFailureQueue() {
        ProjectorService broken = service(new InMemoryJobRepository() {
            @Override
            public Advance advance(JobRecord first) {
                throw new StoreException("UpdateItem failed: ThrottlingException (HTTP 400)", true, null);
            }
        });

        assertThrows(StoreException.class,
                () -> broken.project(ExampleEvents.read(ExampleEvents.valid("queued"))));
        assertTrue(failures.sent.isEmpty());
    }

    @Test
    void aFailureQueueThatCannotTakeTheEventFailsTheInvocationRatherThanLoseIt() {
        ProjectorService noQueue = new ProjectorService(contract(), repository,
                (raw, reason, rule, eventId, jobId) -> {
                    throw new IllegalStateException("SQS unavailable");
                }, metrics, CLOCK, Duration.ofDays(30));

        assertThrows(IllegalStateException.class,
                () -> noQueue.project(ExampleEvents.read(ExampleEvents.invalid().getFirst())));
    }

    private Outcome project(String example) {
        return service.project(ExampleEvents.read(ExampleEvents.valid(example)));
    }

    private ProjectorService service(InMemoryJobRepository store) {
        return new ProjectorService(contract(), store, failures, metrics, CLOCK, Duration.ofDays(30));
    }

    private static EventContract contract() {
        return new EventContract(Set.copyOf(EventContract.DEFAULT_SOURCES), CLOCK);
    }

    /**
     * The table as the service used it before writes without a read: each of them refused, so that every event
     * is read, merged and written conditionally. What it leaves is what the fast way must leave too.
     */
    static class ReadFirstRepository extends InMemoryJobRepository {
        @Override
        public Advance advance(JobRecord first) {
            return new Advance.Refused(find(first.jobId()));
        }
    }

    /** Counts the writes without a read (taken and refused), the reads, and the writes after a read. */
    static final class CountingRepository extends InMemoryJobRepository {
        private int written;
        private int refused;
        private int reads;
        private int applies;

        @Override
        public Advance advance(JobRecord first) {
            Advance advance = super.advance(first);
            if (advance instanceof Advance.Written) {
                written++;
            } else {
                refused++;
            }
            return advance;
        }

        @Override
        public Optional<JobRecord> find(String jobId) {
            reads++;
            return super.find(jobId);
        }

        @Override
        public synchronized boolean apply(JobRecord next, Revision expected) {
            applies++;
            return super.apply(next, expected);
        }

        /** So far: writes without a read taken and refused, reads, writes after a read. */
        List<Integer> calls() {
            return List.of(written, refused, reads, applies);
        }

        int written() {
            return written;
        }
    }

    /** Loses the first n write races: another writer slips in between read and write. */
    static final class LosingRepository extends ReadFirstRepository {
        private int losses;

        LosingRepository(int losses) {
            this.losses = losses;
        }

        @Override
        public synchronized boolean apply(JobRecord next, Revision expected) {
            if (losses > 0) {
                losses--;
                return false;
            }
            return super.apply(next, expected);
        }
    }

    record Sent(String rawEvent, String reason, String rule, String eventId, String jobId) {
    }

    static final class RecordingFailureQueue implements FailureQueue {
        final List<Sent> sent = new ArrayList<>();

        @Override
        public void send(String rawEvent, String reason, String rule, String eventId, String jobId) {
            sent.add(new Sent(rawEvent, reason, rule, eventId, jobId));
        }
    }

    static final class RecordingMetrics implements ProjectorMetrics {
        int applied;
        int stale;
        int rejected;
        int conflicts;

        @Override
        public void applied(long lagMillis) {
            applied++;
        }

        @Override
        public void stale(Decision.StaleReason reason) {
            stale++;
        }

        @Override
        public void rejected(String rule) {
            rejected++;
        }

        @Override
        public void conflict() {
            conflicts++;
        }
    }
}
