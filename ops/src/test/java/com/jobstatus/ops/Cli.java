package com.jobstatus.ops;

import com.jobstatus.runtime.AwsSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import picocli.CommandLine;

/** Runs jobs-ops in process as its main method would, capturing what it prints. */
final class Cli {

    /** What one run printed and returned. */
    record Run(int exitCode, String out, String err) {
        List<String> lines() {
            return out.isEmpty() ? List.of() : Arrays.asList(out.split("\n"));
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out:\n" + out + "--- err:\n" + err;
        }
    }

    private Cli() {
    }

    static Run run(String... args) {
        return run(UnaryOperator.identity(), args);
    }

    /** @param settingsHook applied to the settings of every AWS client the command builds */
    static Run run(UnaryOperator<AwsSettings> settingsHook, String... args) {
        CommandLine cli = JobsOps.commandLine(settingsHook, Map.of());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exitCode = cli.execute(args);
        return new Run(exitCode, out.toString().replace("\r\n", "\n"), err.toString());
    }
}
