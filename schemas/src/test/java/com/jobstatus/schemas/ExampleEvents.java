package com.jobstatus.schemas;

import com.jobstatus.localaws.Checkout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The example events in {@code schemas/events/} (one place for unit tests, integration tests and
 * {@code sam local invoke}).
 */
public final class ExampleEvents {

    private ExampleEvents() {
    }

    /** {@code schemas/events} of the checkout the tests run in. */
    public static Path dir() {
        return Checkout.root().resolve("schemas").resolve("events");
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
