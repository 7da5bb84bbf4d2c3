package com.jobstatus.local;

import com.jobstatus.schemas.JobStatus;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/**
 * {@code --demo}: publishes one job's lifecycle for a demo user to the bus, a step apart, so that someone new
 * sees the status change through the API within seconds: QUEUED, PROCESSING at 50 %, COMPLETED with an
 * output URL. Each event has a fresh {@code occurredAt}, and goes the way FalInvoker's do (bus, rule, projector).
 */
final class Demo implements AutoCloseable {

    static final String JOB_ID = "demo-job-1";
    static final String OUTPUT_URL = "https://videos.example.com/" + JOB_ID + ".mp4";

    private final EventBridgeClient events;
    private final StackInfo stack;
    private final Duration step;
    private final Clock clock;
    private final PrintStream log;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("demo").daemon().factory());

    Demo(EventBridgeClient events, StackInfo stack, Duration step, Clock clock, PrintStream log) {
        this.events = events;
        this.stack = stack;
        this.step = step;
        this.clock = clock;
        this.log = log;
    }

    /** Who the demo job belongs to: the first demo user, whose sign-in the examples show. */
    LocalAws.User owner() {
        return stack.users().getFirst();
    }

    Demo start() {
        log.println("Demo: publishing " + JOB_ID + " for " + owner().username() + ": QUEUED now, PROCESSING (50 %) in "
                + step.toSeconds() + " s, COMPLETED in " + step.multipliedBy(2).toSeconds() + " s.");
        scheduler.schedule(() -> publish(JobStatus.QUEUED, null, null), 0, TimeUnit.MILLISECONDS);
        scheduler.schedule(() -> publish(JobStatus.PROCESSING, 50, null), step.toMillis(), TimeUnit.MILLISECONDS);
        scheduler.schedule(() -> publish(JobStatus.COMPLETED, null, OUTPUT_URL), step.multipliedBy(2).toMillis(),
                TimeUnit.MILLISECONDS);
        return this;
    }

    private void publish(JobStatus status, Integer progress, String outputUrl) {
        try {
            PutEventsResponse response = events.putEvents(b -> b.entries(e -> e
                    .eventBusName(stack.eventBusName())
                    .source(stack.eventSource())
                    .detailType(stack.detailType())
                    .detail(SampleEvents.detail(JOB_ID, owner().sub(), status, clock.instant(), progress, outputUrl)
                            .toString())));
            log.println(response.failedEntryCount() == 0
                    ? "Demo: published " + status + " for " + JOB_ID
                    : "Demo: the bus refused " + status + " for " + JOB_ID + ": " + response.entries());
        } catch (RuntimeException e) {
            log.println("Demo: cannot publish " + status + " for " + JOB_ID + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
