package com.jobstatus.ops;

import com.jobstatus.projector.DirectProjector;
import com.jobstatus.runtime.AwsClients;
import com.jobstatus.store.DynamoJobRepository;
import com.jobstatus.store.JobsTable;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;

@Command(name = "rebuild", sortOptions = false,
        description = {"Applies an event file straight to a table through the projector's code.",
                "The table becomes what the events would have made of it. With --shadow-table it creates "
                        + "a new table and writes there instead (a dry run to compare). Events need their "
                        + "EventBridge id (the projection orders by it). Prints 'line N: rejected: REASON' for each "
                        + "rejected event, then the counts; exit 1 if any event was rejected or the table kept "
                        + "failing."})
final class RebuildCommand extends OpsCommand.WithAws {

    @Parameters(paramLabel = "FILE.jsonl", description = "One EventBridge event (JSON object, with id) per line.")
    Path file;

    @Option(names = "--table", description = "Table to apply the events to. Default: the stage's Jobs table.")
    String table;

    @Option(names = "--shadow-table", paramLabel = "NAME",
            description = "Create this table (as the template declares the Jobs table) and apply the events "
                    + "there instead.")
    String shadowTable;

    @Mixin
    ProjectionOptions projection;

    @Option(names = "--max-attempts", defaultValue = "5",
            description = "Tries per event while the table fails (throttling, outage) before stopping "
                    + "(default: ${DEFAULT-VALUE}).")
    int maxAttempts;

    @Override
    public Integer call() throws Exception {
        List<EventFile.Line> lines = readEvents(file);
        PrintWriter out = out();
        String target = shadowTable != null ? shadowTable : stack.pick(table, StackNames::table);
        Rebuilder.Report report;
        try (DynamoDbClient dynamo = AwsClients.dynamo(awsSettings())) {
            if (shadowTable != null) {
                try {
                    JobsTable.create(dynamo, shadowTable);
                } catch (ResourceInUseException e) {
                    throw new IllegalArgumentException("table " + shadowTable
                            + " exists already; a shadow table starts empty, so name a new one (or delete it)", e);
                }
                out.println("created shadow table " + shadowTable);
            }
            DirectProjector projector = projection.projector(new DynamoJobRepository(dynamo, target), stack);
            try (Progress progress = progress("rebuild", lines.size())) {
                report = new Rebuilder(projector, Backoff.standard(), maxAttempts).rebuild(lines, progress);
            }
        }
        for (Rebuilder.Rejected rejected : report.rejected()) {
            out.println("line " + rejected.line() + ": rejected: " + rejected.reason());
        }
        if (report.stopped() != null) {
            out.println("line " + report.stopped().line() + ": stopped after "
                    + JobsOps.attempts(report.stopped().attempts()) + ": " + report.stopped().reason()
                    + " (the lines before it are applied; running the file again is safe)");
        }
        out.println("rebuild of table " + target + " from " + report.lines() + " events: " + report.applied()
                + " applied, " + report.stale() + " stale, " + report.rejected().size() + " rejected"
                + (report.stopped() == null ? "" : ", stopped at line " + report.stopped().line()));
        out.flush();
        return report.complete() ? 0 : 1;
    }
}
