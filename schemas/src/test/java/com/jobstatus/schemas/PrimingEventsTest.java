package com.jobstatus.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class PrimingEventsTest {

    @Test
    void everyPushExampleIsOnTheClassPathAsItsFileSays() throws Exception {
        List<Path> files;
        try (Stream<Path> listing = Files.list(ExampleEvents.push("any").getParent())) {
            files = listing.filter(f -> f.toString().endsWith(".json")).toList();
        }
        assertFalse(files.isEmpty());
        for (Path file : files) {
            String name = "push/" + file.getFileName().toString().replace(".json", "");
            assertEquals(Json.MAPPER.readTree(ExampleEvents.read(file)), PrimingEvents.read(name), name);
        }
        assertNotSame(PrimingEvents.read("push/connect"), PrimingEvents.read("push/connect"), "each caller may change its copy");
    }

    @Test
    void anEventThatIsNotPackagedSaysWhichOne() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> PrimingEvents.read("push/nothing"));
        assertEquals("no example event /events/push/nothing.json on the class path", e.getMessage());
    }
}
