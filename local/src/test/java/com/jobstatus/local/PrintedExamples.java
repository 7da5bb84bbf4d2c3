package com.jobstatus.local;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Runs the examples the stack printed, read back from what it printed (not from {@link Examples}), in one
 * bash session the way someone pastes them one after another: variables set by one (TOKEN) are there for
 * the next.
 */
final class PrintedExamples {

    private PrintedExamples() {
    }

    /** The examples between the printed header and footer: each a {@code # comment} line and one command line. */
    static List<Examples.Example> parse(String printed) {
        int start = printed.indexOf(Examples.HEADER);
        int end = printed.indexOf(Examples.FOOTER, Math.max(start, 0));
        if (start < 0 || end < 0) {
            fail("the stack printed no examples:\n" + printed);
        }
        List<Examples.Example> examples = new ArrayList<>();
        String comment = null;
        for (String line : printed.substring(start + Examples.HEADER.length(), end).split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("# ")) {
                comment = line.substring(2);
            } else {
                if (comment == null) {
                    fail("printed command without a comment saying what it does: " + line);
                }
                examples.add(new Examples.Example(comment, line));
                comment = null;
            }
        }
        return examples;
    }

    /** What an example's output must show; {@code eventually}: the output depends on the projector having run. */
    record Expectation(boolean eventually, Predicate<Result> check) {
        boolean test(Result result) {
            return check.test(result);
        }
    }

    record Result(int exitCode, String output) {
        boolean ok(String... contains) {
            if (exitCode != 0) {
                return false;
            }
            for (String text : contains) {
                if (!output.toLowerCase(Locale.ROOT).contains(text.toLowerCase(Locale.ROOT))) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Each kind of printed example and what it must give; an example nobody checks fails the test. */
    static Expectation expectationFor(String command) {
        if (command.startsWith("TOKEN=$(") && command.contains("cognito-idp initiate-auth")) {
            return new Expectation(false, result -> result.ok());
        }
        if (command.contains(" events put-events ")) {
            return new Expectation(false, result -> result.ok("\"FailedEntryCount\": 0"));
        }
        if (command.startsWith("node ") && command.contains("new WebSocket")) {
            // the test publishes a COMPLETED job for the user while it runs: the script prints it and stops
            return new Expectation(false, result -> result.ok("connected", "\"status\":\"COMPLETED\""));
        }
        if (command.contains(" sqs receive-message ")) {
            return new Expectation(false, result -> result.ok());
        }
        if (command.startsWith("curl") && command.contains("-X OPTIONS")) {
            return new Expectation(false, result -> result.ok("HTTP/1.1 200", "Access-Control-Allow-Origin: http"));
        }
        if (command.startsWith("curl") && !command.contains("$TOKEN")) {
            return new Expectation(false, result -> result.ok("HTTP/1.1 401", "\"code\":\"UNAUTHORIZED\"",
                    "\"message\":\"Unauthorized\""));
        }
        if (command.startsWith("curl") && command.contains("/v1/jobs/" + Examples.SAMPLE_JOB_ID)) {
            return new Expectation(true, result -> result.ok("\"jobId\":\"" + Examples.SAMPLE_JOB_ID + "\"",
                    "\"status\":\"PROCESSING\"", "\"progress\":25"));
        }
        if (command.startsWith("curl") && command.contains("/v1/jobs/" + Demo.JOB_ID)) {
            return new Expectation(true, result -> result.ok("\"jobId\":\"" + Demo.JOB_ID + "\"", "\"status\":\"COMPLETED\"",
                    Demo.OUTPUT_URL));
        }
        if (command.startsWith("curl") && command.contains("/v1/jobs?")) {
            return new Expectation(true, result -> result.ok("\"jobs\":[", Examples.SAMPLE_JOB_ID));
        }
        return new Expectation(false, result -> {
            fail("no expectation for the printed example " + command + "; add one to " + PrintedExamples.class.getSimpleName());
            return false;
        });
    }

    /** One bash process fed the commands on standard input, as a terminal would feed them. */
    static final class Bash implements AutoCloseable {

        private static final long COMMAND_TIMEOUT_SECONDS = 60;
        private final Process process;
        private final Writer input;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private int commands;

        private Bash(Process process) {
            this.process = process;
            this.input = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            Thread reader = Thread.ofPlatform().daemon().name("bash-output").start(() -> {
                try (BufferedReader out = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = out.readLine()) != null) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    lines.add("<bash output failed: " + e + ">");
                }
            });
            reader.setUncaughtExceptionHandler((thread, e) -> lines.add("<" + e + ">"));
        }

        static Bash start() throws IOException {
            return new Bash(new ProcessBuilder("bash", "--noprofile", "--norc").redirectErrorStream(true).start());
        }

        /** The examples use the AWS CLI; without it they cannot work as printed, and that is a failure, not a skip. */
        void requireAwsCli() throws Exception {
            Result version = run("aws --version");
            if (version.exitCode() != 0) {
                fail("the printed examples need the AWS CLI ('aws'), which is not installed here: " + version.output());
            }
        }

        /** Runs one command line exactly as given; returns its exit code and everything it printed. */
        Result run(String command) throws Exception {
            String marker = "__example_done_" + (++commands) + "__";
            // the newline before the marker: curl -s prints a body without one
            input.write(command + "\nprintf '\\n" + marker + " %s\\n' \"$?\"\n");
            input.flush();
            StringBuilder output = new StringBuilder();
            while (true) {
                String line = lines.poll(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                if (line == null) {
                    fail("no end of '" + command + "' within " + COMMAND_TIMEOUT_SECONDS + " s; output so far:\n" + output);
                }
                if (line.startsWith(marker + " ")) {
                    return new Result(Integer.parseInt(line.substring(marker.length() + 1).trim()), output.toString());
                }
                output.append(line).append('\n');
            }
        }

        @Override
        public void close() throws IOException {
            input.close();
            process.destroy();
        }
    }
}
