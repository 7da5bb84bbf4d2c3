package com.jobstatus.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jobstatus.schemas.EventJson;
import com.jobstatus.schemas.JobStatus;
import com.jobstatus.schemas.PlatformEvents;
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
 * sees the status change through the API within seconds: QUEUED and PROCESSING at 50 % as FalInvoker publishes
 * them, then COMPLETED with an output URL as the video generator publishes it ({@code video.rendered}). Each event
 * is fresh, and goes the way the platform's do (bus, rule, projector).
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
                + step.toSeconds() + " s, COMPLETED in " + step.multipliedBy(2).toSeconds()
                + " s (the video generator's " + PlatformEvents.VIDEO_RENDERED + ").");
        scheduler.schedule(() -> publish("QUEUED", stack.eventSource(), stack.detailType(),
                EventJson.detail(JOB_ID, owner().sub(), JobStatus.QUEUED, clock.instant(), null, null)),
                0, TimeUnit.MILLISECONDS);
        scheduler.schedule(() -> publish("PROCESSING", stack.eventSource(), stack.detailType(),
                EventJson.detail(JOB_ID, owner().sub(), JobStatus.PROCESSING, clock.instant(), 50, null)),
                step.toMillis(), TimeUnit.MILLISECONDS);
        scheduler.schedule(() -> publish(PlatformEvents.VIDEO_RENDERED, PlatformEvents.VIDEO_GENERATION,
                PlatformEvents.VIDEO_RENDERED, EventJson.videoRendered(JOB_ID, owner().sub(), OUTPUT_URL)),
                step.multipliedBy(2).toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void publish(String what, String source, String detailType, ObjectNode detail) {
        try {
            PutEventsResponse response = events.putEvents(b -> b.entries(e -> e
                    .eventBusName(stack.eventBusName())
                    .source(source)
                    .detailType(detailType)
                    .detail(detail.toString())));
            log.println(response.failedEntryCount() == 0
                    ? "Demo: published " + what + " for " + JOB_ID
                    : "Demo: the bus refused " + what + " for " + JOB_ID + ": " + response.entries());
        } catch (RuntimeException e) {
            log.println("Demo: cannot publish " + what + " for " + JOB_ID + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
