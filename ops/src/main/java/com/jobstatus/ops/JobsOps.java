package com.jobstatus.ops;

import com.jobstatus.runtime.AwsSettings;
import com.jobstatus.schemas.Timestamps;
import java.time.Instant;
import java.util.Map;
import java.util.function.UnaryOperator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * {@code jobs-ops}: tools around the job event stream for on-call engineers and FalInvoker developers
 * (README "Operate"). Each command is thin: it reads its flags, builds its clients once, runs one core
 * class ({@link Publisher}, {@link Replayer}, {@link Rebuilder}, {@link Redriver}) and prints its report.
 *
 * <p>Output: the report goes to standard output, one record per line, then a summary line; errors and the
 * progress bar go to standard error. The exit code says whether everything was done.
 */
@Command(name = "jobs-ops", usageHelpAutoWidth = true,
        description = "Validate, publish, replay, rebuild and redrive job status events (README \"Operate\").",
        subcommands = {ValidateCommand.class, PublishCommand.class, ReplayCommand.class, RebuildCommand.class,
                RedriveCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:everything was done", "1:something was not done; the report says what",
                "2:bad flags, names or files; nothing was done"})
public final class JobsOps {

    /** The {@code jobs-ops} script sets it to 1 when standard error is a terminal. */
    static final String PROGRESS_VARIABLE = "JOBS_OPS_PROGRESS";

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--progress", negatable = true, scope = ScopeType.INHERIT,
            description = "Progress bar on standard error. Default: on when standard error is a terminal.")
    Boolean progress;

    private final UnaryOperator<AwsSettings> settingsHook;
    private final Map<String, String> environment;

    private JobsOps(UnaryOperator<AwsSettings> settingsHook, Map<String, String> environment) {
        this.settingsHook = settingsHook;
        this.environment = Map.copyOf(environment);
    }

    public static void main(String[] args) {
        // runtime's log4j2.xml writes JSON to standard output, as Lambda wants; here that is the report's place
        System.setProperty("log4j2.configurationFile", "log4j2-ops.xml");
        System.exit(commandLine(UnaryOperator.identity(), System.getenv()).execute(args));
    }

    /**
     * The command line as {@link #main} runs it.
     *
     * @param settingsHook applied to the AWS settings of every client the commands build (tests add fault injectors)
     */
    static CommandLine commandLine(UnaryOperator<AwsSettings> settingsHook, Map<String, String> environment) {
        CommandLine cli = new CommandLine(new JobsOps(settingsHook, environment));
        cli.registerConverter(Instant.class, JobsOps::instant);
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            String message = e instanceof SdkException sdk ? AwsErrors.describe(sdk)
                    : e.getMessage() != null ? e.getMessage() : e.getClass().getName();
            command.getErr().println("jobs-ops " + command.getCommandName() + ": " + message);
            command.getErr().flush();
            return e instanceof IllegalArgumentException ? 2 : 1;
        });
        return cli;
    }

    AwsSettings aws(AwsOptions options) {
        return settingsHook.apply(options.settings(environment));
    }

    Progress progress(CommandSpec spec, String label, long total) {
        boolean on = progress != null ? progress : "1".equals(environment.get(PROGRESS_VARIABLE));
        return Progress.start(on ? spec.commandLine().getErr() : null, label, total);
    }

    /** "1 attempt", "3 attempts". */
    static String attempts(int count) {
        return count + (count == 1 ? " attempt" : " attempts");
    }

    private static Instant instant(String text) {
        return Timestamps.parseWithOffset(text).orElseThrow(() -> new CommandLine.TypeConversionException(
                "'" + text + "' " + Timestamps.problem(text).orElseThrow()));
    }
}
