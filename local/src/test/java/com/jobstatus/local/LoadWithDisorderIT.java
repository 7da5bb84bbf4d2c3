package com.jobstatus.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jobstatus.localaws.MotoServer;
import com.jobstatus.localaws.QuietLogs;
import com.jobstatus.projector.ProjectorHandler;
import com.jobstatus.projector.Projectors;
import com.jobstatus.store.DynamoFaults;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The small versions of the reliability runs (the large ones: {@code reliability/load}). Through the whole
 * local pipeline with several pollers at once, the table ends exactly as the pure merge of the same events
 * says, and the failure queue holds exactly the events that are truly unprocessable.
 */
class LoadWithDisorderIT {

    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(4);
    private static QuietLogs quietLogs;

    @TempDir
    Path dir;

    /** Thousands of expected rejections and retries: keep the build log to what went wrong. */
    @BeforeAll
    static void onlyErrorsInTheLog() {
        quietLogs = QuietLogs.onlyErrors();
    }

    @AfterAll
    static void restoreTheLog() {
        quietLogs.close();
    }

    @Test
    void aShuffledLoadWithDuplicatesAndRetriesConvergesToThePureProjection() throws Exception {
        try (LocalStack stack = LocalStack.start(config(dir), System.out, ProjectorHandler::withEnvironment, 3)) {
            LoadRun.Result result = new LoadRun(stack).run(new LoadRun.Spec(300, 3, 0.2, 5, 1), DRAIN_TIMEOUT);

            System.out.println("load with disorder: " + result.summary());
            assertTrue(result.events() >= 2_000, result.summary());
            assertEquals(List.of(), result.mismatches());
            assertEquals(List.of(), result.unexpectedFailures());
            assertEquals(Set.of(), result.missingInvalid(), "invalid events must reach the failure queue");
        }
    }

    @Test
    void lostDynamoDbResponsesAndAProjectorKilledMidStreamStillConverge() throws Exception {
        List<DynamoFaults> faults = new ArrayList<>();
        LocalStack.ProjectorFactory faulty = environment -> {
            DynamoFaults fault = DynamoFaults.lostResponses(Set.of("GetItem", "UpdateItem"), 0.05, 100 + faults.size());
            faults.add(fault);
            return Projectors.withFaults(environment, fault);
        };
        try (LocalStack stack = LocalStack.start(config(dir), System.out, faulty, 3)) {
            // what a killed instance held comes back after the visibility timeout: keep that short here
            stack.aws().sqs.setQueueAttributes(b -> b.queueUrl(stack.invocationQueueUrl())
                    .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "3")));
            CompletableFuture<DyingPoller.Death> death = DyingPoller.start(stack.aws().sqs,
                    stack.invocationQueueUrl(), ProjectorHandler.withEnvironment(stack.projectorEnvironment()));

            LoadRun.Result result = new LoadRun(stack).run(new LoadRun.Spec(150, 3, 0.2, 5, 2), DRAIN_TIMEOUT);

            System.out.println("faults: " + result.summary() + "; " + death.get() + "; injected "
                    + faults.stream().mapToInt(DynamoFaults::injected).sum() + " lost responses");
            assertTrue(death.get().applied() > 0 && death.get().abandoned() > 0, death.get().toString());
            assertTrue(faults.stream().mapToInt(DynamoFaults::injected).sum() > 20, "faults were injected");
            assertEquals(List.of(), result.mismatches());
            assertEquals(List.of(), result.unexpectedFailures(), "only the truly unprocessable may be dead-lettered");
            assertEquals(Set.of(), result.missingInvalid());
        }
    }

    static LocalConfig config(Path dir) {
        return new LocalConfig(MotoServer.freePort(), MotoServer.freePort(), "us-east-1", Map.of(),
                dir.resolve("stack.json"), dir, false, Duration.ofSeconds(1));
    }

}
