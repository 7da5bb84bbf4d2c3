package com.jobstatus.projector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jobstatus.schemas.EventContract;
import com.jobstatus.schemas.ExampleEvents;
import com.jobstatus.store.InMemoryJobRepository;
import com.jobstatus.store.JobRecord;
import com.jobstatus.store.StoreException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The tools' way in: the function's decisions, with rejections returned instead of queued. */
class DirectProjectorTest {

    private static final Set<String> SOURCES = Set.copyOf(EventContract.DEFAULT_SOURCES);
    private static final Duration TTL = Duration.ofDays(30);

    @Test
    void decidesEveryExampleExactlyAsTheFunctionsServiceDoes() {
        InMemoryJobRepository direct = new InMemoryJobRepository();
        InMemoryJobRepository function = new InMemoryJobRepository();
        DirectProjector projector = new DirectProjector(direct, SOURCES, TTL, ProjectorServiceTest.CLOCK);
        ProjectorServiceTest.RecordingFailureQueue queue = new ProjectorServiceTest.RecordingFailureQueue();
        ProjectorService service = new ProjectorService(new EventContract(SOURCES, ProjectorServiceTest.CLOCK),
                function, queue, new ProjectorServiceTest.RecordingMetrics(), ProjectorServiceTest.CLOCK, TTL);
        List<Path> examples = new ArrayList<>(ExampleEvents.valid());
        examples.addAll(ExampleEvents.invalid());
        examples.addAll(ExampleEvents.valid()); // the replay of what was applied

        for (Path example : examples) {
            String raw = ExampleEvents.read(example);
            assertEquals(service.project(raw), projector.project(raw), example.toString());
        }
        assertEquals(function.all(), direct.all());
        assertTrue(queue.sent.size() >= ExampleEvents.invalid().size(), "the examples did exercise rejections");
    }

    @Test
    void aRejectedEventComesBackWithItsReasonAndWritesNothing() {
        InMemoryJobRepository repository = new InMemoryJobRepository();
        DirectProjector projector = new DirectProjector(repository, SOURCES, TTL, ProjectorServiceTest.CLOCK);

        Outcome outcome = projector.project(ExampleEvents.read(ExampleEvents.invalid().getFirst()));

        assertEquals(Outcome.Kind.REJECTED, outcome.kind());
        assertTrue(outcome.reason() != null && !outcome.reason().isBlank());
        assertTrue(repository.all().isEmpty());
    }

    @Test
    void aStoreFailurePropagatesToTheCaller() {
        DirectProjector projector = new DirectProjector(new InMemoryJobRepository() {
            @Override
            public Advance advance(JobRecord first) {
                throw new StoreException("UpdateItem failed: ThrottlingException (HTTP 400)", true, null);
            }
        }, SOURCES, TTL, ProjectorServiceTest.CLOCK);

        assertThrows(StoreException.class,
                () -> projector.project(ExampleEvents.read(ExampleEvents.valid("queued"))));
    }
}
