package com.jobstatus.local;

import com.jobstatus.localaws.MotoServer;
import com.jobstatus.projector.ProjectorHandler;
import com.jobstatus.projector.Projectors;
import com.jobstatus.store.DynamoFaults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The large load run, a command rather than a test ({@code reliability/load}): by default 50,000 events for
 * thousands of jobs through the local pipeline with 4 pollers; {@code --faults 0.05} loses that share of
 * DynamoDB responses, {@code --kill} kills a projector mid-stream. Exits 1 unless the table is exact and the
 * failure queue holds only the deliberately invalid events.
 */
public final class LoadMain {

    /** Events per job, duplicates included, as {@code JobHistories} makes them on average (measured). */
    private static final double EVENTS_PER_JOB = 7.7;

    private LoadMain() {
    }

    public static void main(String[] args) throws Exception {
        int events = 50_000;
        int pollers = 4;
        double faultRate = 0;
        boolean kill = false;
        long seed = 7;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--events" -> events = Integer.parseInt(args[++i]);
                case "--pollers" -> pollers = Integer.parseInt(args[++i]);
                case "--faults" -> faultRate = Double.parseDouble(args[++i]);
                case "--kill" -> kill = true;
                case "--seed" -> seed = Long.parseLong(args[++i]);
                default -> {
                    System.err.println("usage: reliability/load [--events N] [--pollers P] [--faults RATE] [--kill] [--seed S]");
                    System.exit(2);
                }
            }
        }
        Path dir = Files.createDirectories(Path.of("reliability", "target", "load"));
        LocalConfig config = new LocalConfig(MotoServer.freePort(), MotoServer.freePort(), "us-east-1", Map.of(),
                dir.resolve("stack.json"), dir, false, Duration.ofSeconds(1));
        AtomicInteger injected = new AtomicInteger();
        double rate = faultRate;
        LocalStack.ProjectorFactory projectors = rate == 0 ? ProjectorHandler::withEnvironment : environment -> {
            DynamoFaults faults = DynamoFaults.lostResponses(Set.of("GetItem", "UpdateItem"), rate, injected.incrementAndGet());
            return Projectors.withFaults(environment, faults);
        };
        int jobs = (int) Math.ceil(events / EVENTS_PER_JOB);
        try (LocalStack stack = LocalStack.start(config, System.out, projectors, pollers)) {
            CompletableFuture<DyingPoller.Death> death = null;
            if (kill) {
                stack.aws().sqs.setQueueAttributes(b -> b.queueUrl(stack.invocationQueueUrl())
                        .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "5")));
                death = DyingPoller.start(stack.aws().sqs, stack.invocationQueueUrl(),
                        ProjectorHandler.withEnvironment(stack.projectorEnvironment()));
            }
            LoadRun.Result result = new LoadRun(stack).run(new LoadRun.Spec(jobs, 50, 0.2, 20, seed),
                    Duration.ofHours(3));
            System.out.println();
            System.out.println("RESULT " + result.summary() + " with " + pollers + " pollers"
                    + (rate > 0 ? ", " + rate * 100 + " % of DynamoDB responses lost" : "")
                    + (death != null ? ", " + death.get() : ""));
            result.mismatches().stream().limit(5).forEach(m -> System.out.println("  wrong: " + m));
            result.unexpectedFailures().stream().limit(5).forEach(m -> System.out.println("  dead-lettered: " + m));
            System.exit(result.exact() ? 0 : 1);
        }
    }
}
