package com.jobstatus.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jobstatus.localaws.MotoServer;
import com.jobstatus.schemas.ExampleEvents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line without AWS: validation, usage errors, exit codes and the shape of the output. */
class JobsOpsTest {

    @TempDir
    Path dir;

    @Test
    void validateReportsEachInvalidLineByNumberThenASummaryAndExitsOne() throws Exception {
        Path file = events("valid.jsonl", line(ExampleEvents.valid("queued")), "",
                line(ExampleEvents.invalid().stream().filter(p -> p.toString().contains("status--enum")).findFirst()
                        .orElseThrow()), "{oops");

        Cli.Run run = Cli.run("validate", file.toString());

        assertEquals(1, run.exitCode(), run.toString());
        List<String> lines = run.lines();
        assertEquals(3, lines.size(), run.toString());
        assertTrue(lines.get(0).startsWith("line 3: invalid: status "), lines.get(0));
        assertTrue(lines.get(1).startsWith("line 4: invalid: not valid JSON"), lines.get(1));
        assertEquals("3 events checked: 1 valid, 2 invalid", lines.get(2));
        assertEquals("", run.err(), "no progress bar when standard error is not a terminal");
    }

    @Test
    void validateExplainsATimestampTheProjectorCannotRead() throws Exception {
        Path file = events("python.jsonl", line(ExampleEvents.valid("queued"))
                .replace("2024-06-25T12:00:00.000Z", "2024-06-25 12:00:00+00:00"));

        Cli.Run run = Cli.run("validate", file.toString());

        assertEquals(1, run.exitCode(), run.toString());
        assertEquals("line 1: invalid: occurredAt has a space between date and time: write 'T', as in "
                + "2024-06-25T12:00:00+00:00 (Python: datetime.isoformat(), not str(datetime))", run.lines().getFirst());
    }

    @Test
    void validateOfAGoodFileExitsZeroAndIdsAreRequiredOnlyWhenAsked() throws Exception {
        Path file = events("ok.jsonl", line(ExampleEvents.valid("queued")),
                EventFile.event(line(ExampleEvents.valid("completed"))).without("id").toString());

        Cli.Run run = Cli.run("validate", file.toString());
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(List.of("2 events checked: 2 valid, 0 invalid"), run.lines());

        Cli.Run strict = Cli.run("validate", "--require-id", file.toString());
        assertEquals(1, strict.exitCode(), strict.toString());
        assertTrue(strict.lines().getFirst().startsWith("line 2: invalid: the EventBridge event id is missing"));
    }

    @Test
    void validateTakesThePlatformsOwnEventsAndNamesWhatIsWrongWithAMismatchedOne() throws Exception {
        Path file = events("platform.jsonl", line(ExampleEvents.valid("video-job-submitted")),
                line(ExampleEvents.valid("video-rendered")), line(ExampleEvents.valid("video-failed")),
                line(ExampleEvents.valid("video-rendered")).replace("video.generation", "contentcraft.jobsubmitter"));

        Cli.Run run = Cli.run("validate", file.toString());

        assertEquals(1, run.exitCode());
        assertEquals(List.of("line 4: invalid: detail-type 'video.rendered' comes from source 'video.generation', "
                + "not 'contentcraft.jobsubmitter'", "4 events checked: 3 valid, 1 invalid"), run.lines());
    }

    @Test
    void anAllowListGivenByFlagReplacesTheTemplatesDefault() throws Exception {
        Path file = events("other.jsonl",
                line(ExampleEvents.valid("queued")).replace("jobs.fal-invoker", "jobs.backfill"));

        assertEquals(1, Cli.run("validate", file.toString()).exitCode());
        assertEquals(0, Cli.run("validate", "--event-source", "jobs.fal-invoker", "--event-source", "jobs.backfill",
                file.toString()).exitCode());
    }

    @Test
    void theProgressBarGoesToStandardErrorAndLeavesTheReportAsItIs() throws Exception {
        Path file = events("bar.jsonl", line(ExampleEvents.valid("queued")), line(ExampleEvents.valid("processing")));

        Cli.Run quiet = Cli.run("validate", file.toString());
        Cli.Run withBar = Cli.run("validate", "--progress", file.toString());

        assertEquals(quiet.out(), withBar.out());
        assertTrue(withBar.err().contains("validate [") && withBar.err().contains("2/2 (100%)"), withBar.err());
        assertTrue(withBar.err().endsWith("\r"), "the bar is wiped at the end");
    }

    @Test
    void publishChecksTheWholeFileFirstAndPublishesNothingIfALineIsInvalid() throws Exception {
        Path file = events("bad.jsonl", line(ExampleEvents.valid("queued")), "[]");
        String nowhere = "http://127.0.0.1:" + MotoServer.freePort();

        Cli.Run run = Cli.run("publish", file.toString(), "--endpoint", nowhere, "--region", "us-east-1");

        assertEquals(1, run.exitCode(), run.toString());
        assertEquals(List.of("line 2: invalid: not a JSON object (one EventBridge event per line)",
                "nothing published: 1 of 2 events are invalid (fix them, or publish anyway with --no-validate)"),
                run.lines());
    }

    @Test
    void usageErrorsExitTwoAndSayWhatIsWrong() throws Exception {
        Cli.Run missing = Cli.run("validate", dir.resolve("nope.jsonl").toString());
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains("no such file"), missing.err());

        Cli.Run badTime = Cli.run("replay", "--from", "yesterday", "--endpoint", "http://127.0.0.1:1",
                "--region", "us-east-1");
        assertEquals(2, badTime.exitCode());
        assertTrue(badTime.err().contains("RFC 3339"), badTime.err());

        Cli.Run badStage = Cli.run("validate", "--stage", "prd",
                events("stage.jsonl", line(ExampleEvents.valid("queued"))).toString());
        assertEquals(2, badStage.exitCode(), badStage.toString());
        assertTrue(badStage.err().contains("stage 'prd' is not one of"), badStage.err());

        Cli.Run discard = Cli.run("redrive", "--discard-invalid", "--endpoint", "http://127.0.0.1:1",
                "--region", "us-east-1");
        assertEquals(2, discard.exitCode());
        assertTrue(discard.err().contains("--save"), discard.err());
    }

    private Path events(String name, String... lines) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    /** An example event as one line of an event file. */
    static String line(Path example) {
        try {
            return EventFile.event(ExampleEvents.read(example)).toString();
        } catch (EventFile.NotAnEvent e) {
            throw new AssertionError(e);
        }
    }
}
