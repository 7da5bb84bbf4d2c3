package com.jobstatus.ops;

import com.jobstatus.runtime.AwsSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What every jobs-ops command has: {@link JobsOps} above it (AWS settings, the progress bar), its own spec
 * (its output), and the stage whose names are the defaults. Commands that call AWS extend {@link WithAws}.
 */
abstract class OpsCommand implements Callable<Integer> {

    @ParentCommand
    JobsOps ops;

    @Spec
    CommandSpec spec;

    @Mixin
    StackOptions stack;

    /** Standard output: the report. */
    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    Progress progress(String label, long total) {
        return ops.progress(spec, label, total);
    }

    /** The event file the command was given; a missing file is a usage error (exit 2), like a bad flag. */
    List<EventFile.Line> readEvents(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new ParameterException(spec.commandLine(), "no such file: " + file);
        }
        return EventFile.read(file);
    }

    /** A command that calls AWS: {@code --endpoint}, {@code --region}, {@code --profile}. */
    abstract static class WithAws extends OpsCommand {

        @Mixin
        AwsOptions aws;

        /** The settings for every client the command builds (once each). */
        AwsSettings awsSettings() {
            return ops.aws(aws);
        }
    }
}
