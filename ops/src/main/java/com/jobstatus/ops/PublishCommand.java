package com.jobstatus.ops;

import com.jobstatus.runtime.AwsClients;
import com.jobstatus.schemas.EventContract;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

@Command(name = "publish", sortOptions = false,
        description = {"Publishes an event file to the bus, as FalInvoker does.",
                "PutEvents in batches within the API's limits; failed entries and throttled requests sent "
                        + "again with backoff until every event is in or given up on. Validates the whole file "
                        + "first and publishes nothing if a line is invalid. An event's id is not sent: EventBridge "
                        + "assigns ids. Prints 'line N: not published [after K attempts]: REASON' for each line given "
                        + "up on, then a summary; exit 1 if any line was not published."})
final class PublishCommand extends OpsCommand.WithAws {

    @Parameters(paramLabel = "FILE.jsonl", description = "One EventBridge event (JSON object) per line.")
    Path file;

    @Option(names = "--bus", description = "Event bus name. Default: the template's EventBusName.")
    String bus;

    @Option(names = "--no-validate",
            description = "Publish without checking the contract first (to exercise the failure path on purpose).")
    boolean noValidate;

    @Option(names = "--max-attempts", defaultValue = "8",
            description = "Tries per event before giving up on it (default: ${DEFAULT-VALUE}).")
    int maxAttempts;

    @Override
    public Integer call() throws Exception {
        List<EventFile.Line> lines = readEvents(file);
        PrintWriter out = out();
        String busName = stack.pick(bus, StackNames::bus);
        if (!noValidate) {
            EventChecks checks = new EventChecks(new EventContract(stack.eventSources(), Clock.systemUTC()));
            List<EventChecks.Problem> problems;
            try (Progress progress = progress("validate", lines.size())) {
                problems = checks.problems(lines, false, progress);
            }
            problems.forEach(out::println);
            if (!problems.isEmpty()) {
                out.println("nothing published: " + problems.size() + " of " + lines.size()
                        + " events are invalid (fix them, or publish anyway with --no-validate)");
                out.flush();
                return 1;
            }
        }
        List<Publisher.Item> items = new ArrayList<>();
        List<Publisher.NotPublished> unusable = new ArrayList<>();
        for (EventFile.Line line : lines) {
            try {
                items.add(new Publisher.Item(line.number(), PutEventsEntries.entry(EventFile.event(line), busName)));
            } catch (EventFile.NotAnEvent e) {
                unusable.add(new Publisher.NotPublished(line.number(), 0, e.getMessage()));
            }
        }
        Publisher.Report report;
        try (EventBridgeClient events = AwsClients.configure(EventBridgeClient.builder(), awsSettings()).build();
             Progress progress = progress("publish", items.size())) {
            report = new Publisher(events, Backoff.standard(), maxAttempts).publish(items, progress);
        }
        List<Publisher.NotPublished> notPublished = new ArrayList<>(unusable);
        notPublished.addAll(report.notPublished());
        notPublished.sort((a, b) -> Integer.compare(a.line(), b.line()));
        for (Publisher.NotPublished line : notPublished) {
            out.println("line " + line.line() + ": not published"
                    + (line.attempts() == 0 ? "" : " after " + JobsOps.attempts(line.attempts()))
                    + ": " + line.reason());
        }
        out.println("published " + report.eventIds().size() + " of " + lines.size() + " events to bus " + busName
                + (notPublished.isEmpty() ? "" : "; not published: " + notPublished.size() + " (lines "
                        + String.join(", ", notPublished.stream().map(n -> Integer.toString(n.line())).toList())
                        + ")"));
        out.flush();
        return notPublished.isEmpty() ? 0 : 1;
    }
}
