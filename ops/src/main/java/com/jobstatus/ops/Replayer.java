package com.jobstatus.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.DescribeArchiveResponse;
import software.amazon.awssdk.services.eventbridge.model.DescribeReplayResponse;
import software.amazon.awssdk.services.eventbridge.model.ReplayState;
import software.amazon.awssdk.services.eventbridge.model.StartReplayResponse;

/**
 * Replays a time window of the bus archive into the projector's rule only, and waits for the replay to
 * end. The rule limit ({@code Destination.FilterArns}) matters: without it a replay re-sends old events to
 * every rule on the bus, which other teams' consumers did not ask for.
 */
final class Replayer {

    static final Set<ReplayState> FINAL_STATES = Set.of(ReplayState.COMPLETED, ReplayState.FAILED,
            ReplayState.CANCELLED);

    /** Everything StartReplay needs, resolved from names. */
    record Plan(String name, String archiveArn, String busArn, String ruleArn, Instant from, Instant to) {
    }

    private final EventBridgeClient events;
    private final Backoff.Pause pause;
    private final Duration firstPoll;
    private final Duration maxPoll;

    /** Polls after {@code firstPoll}, then at twice the interval each time, never more than {@code maxPoll} apart. */
    Replayer(EventBridgeClient events, Backoff.Pause pause, Duration firstPoll, Duration maxPoll) {
        this.events = events;
        this.pause = pause;
        this.firstPoll = firstPoll;
        this.maxPoll = maxPoll;
    }

    /** Resolves the archive's ARN and bus, and the rule's ARN on that bus. */
    Plan plan(String name, String archive, String busName, String rule, Instant from, Instant to) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("--from " + from + " must be before --to " + to);
        }
        DescribeArchiveResponse described = events.describeArchive(b -> b.archiveName(archive));
        String busArn = described.eventSourceArn();
        if (!busArn.endsWith(":event-bus/" + busName)) {
            throw new IllegalArgumentException("archive " + archive + " records bus " + busArn + ", not " + busName
                    + ": a replay goes back to the archive's own bus");
        }
        String ruleArn = events.describeRule(b -> b.name(rule).eventBusName(busName)).arn();
        return new Plan(name, described.archiveArn(), busArn, ruleArn, from, to);
    }

    StartReplayResponse start(Plan plan) {
        return events.startReplay(b -> b
                .replayName(plan.name())
                .description("jobs-ops replay into " + plan.ruleArn())
                .eventSourceArn(plan.archiveArn())
                .eventStartTime(plan.from())
                .eventEndTime(plan.to())
                .destination(d -> d.arn(plan.busArn()).filterArns(plan.ruleArn())));
    }

    /** Polls DescribeReplay until the replay is COMPLETED, FAILED or CANCELLED; every answer goes to {@code onPoll}. */
    DescribeReplayResponse await(String name, Consumer<DescribeReplayResponse> onPoll) {
        Duration interval = firstPoll;
        while (true) {
            DescribeReplayResponse replay = events.describeReplay(b -> b.replayName(name));
            onPoll.accept(replay);
            if (FINAL_STATES.contains(replay.state())) {
                return replay;
            }
            pause.pause(interval);
            interval = interval.multipliedBy(2).compareTo(maxPoll) > 0 ? maxPoll : interval.multipliedBy(2);
        }
    }
}
