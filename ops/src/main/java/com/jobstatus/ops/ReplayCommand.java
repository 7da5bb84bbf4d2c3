package com.jobstatus.ops;

import com.jobstatus.runtime.AwsClients;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.DescribeReplayResponse;
import software.amazon.awssdk.services.eventbridge.model.ReplayState;

@Command(name = "replay", sortOptions = false,
        description = {"Replays archived events of a time window into the projector's rule only.",
                "StartReplay from the bus archive with Destination.FilterArns = the rule), then waits for "
                        + "the replay, printing each state it reaches, until COMPLETED (exit 0), FAILED or "
                        + "CANCELLED (exit 1). The projection absorbs what it has seen already."})
final class ReplayCommand extends OpsCommand.WithAws {

    private static final DateTimeFormatter NAME_TIME =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    @Option(names = "--from", required = true, paramLabel = "TIME",
            description = "Replay events from this time on (RFC 3339, e.g. 2024-06-25T00:00:00Z).")
    Instant from;

    @Option(names = "--to", paramLabel = "TIME", description = "Up to this time. Default: now.")
    Instant to;

    @Option(names = "--name",
            description = "Replay name (unique per account and region). Default: jobs-ops-STAGE-TIME.")
    String name;

    @Option(names = "--archive", description = "Archive name. Default: the stage's, from template.yaml.")
    String archive;

    @Option(names = "--bus", description = "The archive's bus. Default: the template's EventBusName.")
    String bus;

    @Option(names = "--rule",
            description = "The projector's rule on that bus. Default: the stage's, from template.yaml.")
    String rule;

    @Option(names = "--no-wait",
            description = "Start the replay and return; follow it with 'aws events describe-replay'.")
    boolean noWait;

    @Option(names = "--poll-every", defaultValue = "PT2S", paramLabel = "DURATION",
            description = "First DescribeReplay poll after this long (ISO-8601; default ${DEFAULT-VALUE}), "
                    + "then twice as long each time...")
    Duration firstPoll;

    @Option(names = "--poll-max", defaultValue = "PT30S", paramLabel = "DURATION",
            description = "...but never more than this apart (default ${DEFAULT-VALUE}).")
    Duration maxPoll;

    @Override
    public Integer call() {
        Instant until = to != null ? to : Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String replayName = name != null ? name
                : "jobs-ops-" + stack.names().stage() + "-" + NAME_TIME.format(Instant.now());
        PrintWriter out = out();
        try (EventBridgeClient events = AwsClients.configure(EventBridgeClient.builder(), awsSettings()).build()) {
            Replayer replayer = new Replayer(events, Backoff.SLEEP, firstPoll, maxPoll);
            Replayer.Plan plan = replayer.plan(replayName, stack.pick(archive, StackNames::archive),
                    stack.pick(bus, StackNames::bus), stack.pick(rule, StackNames::rule), from, until);
            replayer.start(plan);
            out.println("replay " + plan.name() + " started: events from " + plan.from() + " to " + plan.to()
                    + " of " + plan.archiveArn() + ", into rule " + plan.ruleArn() + " only");
            out.flush();
            if (noWait) {
                out.println("not waiting; follow it with: aws events describe-replay --replay-name " + plan.name());
                out.flush();
                return 0;
            }
            long windowSeconds = Math.max(1, Duration.between(plan.from(), plan.to()).toSeconds());
            AtomicReference<ReplayState> last = new AtomicReference<>();
            DescribeReplayResponse end;
            try (Progress progress = progress("replay (event time)", windowSeconds)) {
                end = replayer.await(plan.name(), poll -> {
                    if (poll.state() != last.getAndSet(poll.state())) {
                        progress.report(out, "state " + poll.state() + (poll.eventLastReplayedTime() == null ? ""
                                : " (replayed up to " + poll.eventLastReplayedTime() + ")"));
                    }
                    if (poll.eventLastReplayedTime() != null) {
                        long replayed = Duration.between(plan.from(), poll.eventLastReplayedTime()).toSeconds();
                        progress.advanceTo(Math.min(replayed, windowSeconds));
                    }
                });
            }
            boolean completed = end.state() == ReplayState.COMPLETED;
            out.println("replay " + plan.name() + " " + end.state()
                    + (end.stateReason() == null || end.stateReason().isBlank() ? "" : ": " + end.stateReason()));
            out.flush();
            return completed ? 0 : 1;
        }
    }
}
