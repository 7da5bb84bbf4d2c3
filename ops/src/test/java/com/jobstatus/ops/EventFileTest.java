package com.jobstatus.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jobstatus.schemas.EventContract;
import com.jobstatus.schemas.ExampleEvents;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The event file format, and the contract check of its lines. */
class EventFileTest {

    private static final EventChecks CHECKS =
            new EventChecks(new EventContract(Set.copyOf(EventContract.DEFAULT_SOURCES), Clock.systemUTC()));

    @TempDir
    Path dir;

    @Test
    void blankLinesAreSkippedButCountedSoNumbersMatchTheEditor() throws Exception {
        Path file = dir.resolve("events.jsonl");
        Files.writeString(file, "\uFEFF{\"a\":1}\n\n   \n{\"b\":2}\r\n{\"c\":3}", StandardCharsets.UTF_8);

        List<EventFile.Line> lines = EventFile.read(file);

        assertEquals(List.of(new EventFile.Line(1, "{\"a\":1}"), new EventFile.Line(4, "{\"b\":2}"),
                new EventFile.Line(5, "{\"c\":3}")), lines);
    }

    @Test
    void aLineMustBeOneJsonObject() {
        assertTrue(message("{\"a\":").startsWith("not valid JSON"));
        assertTrue(message("{\"a\":1} {\"b\":2}").startsWith("not valid JSON"), "two events on one line");
        assertTrue(message("[{\"a\":1}]").startsWith("not a JSON object"));
        assertTrue(message("\"text\"").startsWith("not a JSON object"));
    }

    @Test
    void everyValidExampleOnOneLineIsValidWithOrWithoutIdsRequired() {
        for (Path example : ExampleEvents.valid()) {
            EventFile.Line line = oneLine(example);
            assertNull(CHECKS.problem(line, false), example.toString());
            assertNull(CHECKS.problem(line, true), example.toString());
        }
    }

    @Test
    void everyInvalidExampleIsInvalidForItsFieldExceptAMissingIdWhichEventBridgeAssignsOnPublish() {
        for (Path example : ExampleEvents.invalid()) {
            String field = example.getFileName().toString().split("--")[0];
            EventFile.Line line = oneLine(example);
            String required = CHECKS.problem(line, true);
            assertTrue(required != null && required.contains(field), example + ": " + required);
            if (field.equals("id")) {
                assertNull(CHECKS.problem(line, false), "publishing needs no id");
            } else {
                assertEquals(required, CHECKS.problem(line, false), example.toString());
            }
        }
    }

    @Test
    void problemsListEachInvalidLineWithItsNumber() {
        List<EventFile.Line> lines = List.of(oneLine(ExampleEvents.valid("queued")), new EventFile.Line(7, "nope"),
                oneLine(ExampleEvents.valid("completed")));

        List<EventChecks.Problem> problems = CHECKS.problems(lines, false, Progress.start(null, "", 0));

        assertEquals(1, problems.size());
        assertEquals(7, problems.getFirst().line());
        assertTrue(problems.getFirst().toString().startsWith("line 7: invalid: not valid JSON"));
    }

    private static String message(String text) {
        return assertThrows(EventFile.NotAnEvent.class, () -> EventFile.event(text)).getMessage();
    }

    private static EventFile.Line oneLine(Path example) {
        try {
            return new EventFile.Line(1, EventFile.event(ExampleEvents.read(example)).toString());
        } catch (EventFile.NotAnEvent e) {
            throw new AssertionError(example + " is not an object", e);
        }
    }
}
