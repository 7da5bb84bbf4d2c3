package com.jobstatus.ops;

import com.jobstatus.schemas.EventContract;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "validate", sortOptions = false,
        description = {"Checks every line of an event file against the event contract.",
                "The projector's own check. Prints 'line N: invalid: REASON' for each invalid line, then "
                        + "a summary; exit 1 if any line is invalid."})
final class ValidateCommand extends OpsCommand {

    @Parameters(paramLabel = "FILE.jsonl", description = "One EventBridge event (JSON object) per line.")
    Path file;

    @Option(names = "--require-id",
            description = "Every event must carry its EventBridge id, as rebuild needs. Default: id "
                    + "optional, as for publish.")
    boolean requireId;

    @Override
    public Integer call() throws Exception {
        List<EventFile.Line> lines = readEvents(file);
        EventChecks checks = new EventChecks(new EventContract(stack.eventSources(), Clock.systemUTC()));
        List<EventChecks.Problem> problems;
        try (Progress progress = progress("validate", lines.size())) {
            problems = checks.problems(lines, requireId, progress);
        }
        PrintWriter out = out();
        problems.forEach(out::println);
        out.println(lines.size() + " events checked: " + (lines.size() - problems.size()) + " valid, "
                + problems.size() + " invalid");
        out.flush();
        return problems.isEmpty() ? 0 : 1;
    }
}
