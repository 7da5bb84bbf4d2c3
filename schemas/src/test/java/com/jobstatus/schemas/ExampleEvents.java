package com.jobstatus.schemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The example events in {@code schemas/events/} (one place for unit tests, integration tests and
 * {@code sam local invoke}), found from whichever module's directory a test runs in.
 */
public final class ExampleEvents {

    private ExampleEvents() {
    }

    /** {@code schemas/events}, found by walking up from the working directory. */
    public static Path dir() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("schemas").resolve("events");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("schemas/events not found above " + Path.of("").toAbsolutePath());
    }

    /** The valid examples, one per file, sorted by name. */
    public static List<Path> valid() {
        return list(dir().resolve("valid"));
    }

    /** The invalid examples, each named {@code <field>--<rule>[--<what>].json} for the reason it breaks. */
    public static List<Path> invalid() {
        return list(dir().resolve("invalid"));
    }

    public static Path valid(String name) {
        return dir().resolve("valid").resolve(name + ".json");
    }

    /** An AWS event of the WebSocket push ({@code schemas/events/push/<name>.json}), as API Gateway or Lambda sends it. */
    public static Path push(String name) {
        return dir().resolve("push").resolve(name + ".json");
    }

    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
