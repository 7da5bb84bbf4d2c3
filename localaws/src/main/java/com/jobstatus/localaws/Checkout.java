package com.jobstatus.localaws;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The repository checkout this runs from: its root is the first directory above the working directory (Maven runs
 * each module in its own) that holds {@code template.yaml}. The one finder for the local stack, the bench, the
 * template reader and the tests' example events.
 */
public final class Checkout {

    private Checkout() {
    }

    public static Path root() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("not inside the repository: no template.yaml above " + start);
    }
}
