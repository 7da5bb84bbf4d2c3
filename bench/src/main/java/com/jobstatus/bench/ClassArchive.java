package com.jobstatus.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A class-data archive of a function's own ({@code bench/run --archive}, issue #15 lever 5): built at package time
 * by a training run of the function under the RIC, put in its task root as it would be shipped in the zip, and
 * given to its JVMs through {@code JAVA_TOOL_OPTIONS}, as a function's environment would give it on Lambda.
 *
 * <ul>
 *   <li>{@link #CDS}: a dynamic AppCDS archive ({@code -XX:ArchiveClassesAtExit}) on top of the JDK's default one.
 *       It holds the classes of the RIC's own loader too (the function's, from the task root and {@code lib/}):
 *       the JVM finds them by name and checks their bytes when that loader defines them.</li>
 *   <li>{@link #AOT}: a JDK 25 AOT cache ({@code -XX:AOTMode=record}, then {@code create}), which replaces the
 *       JDK's default archive and adds archived heap objects and pre-linked classes of the built-in loaders.</li>
 *   <li>The {@code -foreign} variants: the same archive with the JVM build it names changed, which is what an
 *       archive built with this machine's JDK meets on Lambda, whose java25 runtime is Amazon Corretto: it is
 *       rejected. They measure that fallback.</li>
 * </ul>
 *
 * <p>{@code -Xshare:auto} (CDS) and the AOT cache's default {@code -XX:AOTMode=auto} make a rejected archive a
 * silent fallback rather than a failed start; {@code -Xlog:cds=off -Xlog:aot=off} keep the JVM's complaint about
 * it out of the function's log.
 */
enum ClassArchive {

    NONE("none", "no archive of the function's: the JDK's default CDS archive only"),
    CDS("cds", "a dynamic AppCDS archive of the function's (training run of %d requests), on the JDK's default one"),
    AOT("aot", "a JDK 25 AOT cache of the function's (training run of %d requests)"),
    CDS_FOREIGN("cds-foreign", "the function's dynamic AppCDS archive (training run of %d requests) marked as built "
            + "by another JVM build, as on Lambda: rejected"),
    AOT_FOREIGN("aot-foreign", "the function's JDK 25 AOT cache (training run of %d requests) marked as built by "
            + "another JVM build, as on Lambda: rejected");

    /** Requests of the training run: the request path's classes are all loaded after the first few. */
    static final int TRAINING_REQUESTS = 100;

    final String id;
    private final String description;

    ClassArchive(String id, String description) {
        this.id = id;
        this.description = description;
    }

    static ClassArchive of(String id) {
        for (ClassArchive archive : values()) {
            if (archive.id.equals(id)) {
                return archive;
            }
        }
        throw new IllegalArgumentException("no archive kind " + id + "; there are none, cds, aot, cds-foreign, aot-foreign");
    }

    String description() {
        return String.format(Locale.ROOT, description, TRAINING_REQUESTS);
    }

    boolean aot() {
        return this == AOT || this == AOT_FOREIGN;
    }

    boolean foreign() {
        return this == CDS_FOREIGN || this == AOT_FOREIGN;
    }

    /** Where the archive goes in the function's task root, as it would be in the zip. */
    Path file(Path taskRoot) {
        return taskRoot.resolve(aot() ? "jobstatus.aot" : "jobstatus.jsa");
    }

    /** The AOT configuration the training run records (AOT only), next to the work files. */
    Path configuration(Path workDir, Column.Function function) {
        return workDir.resolve(function.module + ".aotconf");
    }

    /** The flags of the training run: it writes the archive (CDS) or the configuration (AOT) when it exits. */
    List<String> trainingFlags(Path taskRoot, Path workDir, Column.Function function) {
        return aot()
                ? List.of("-XX:AOTMode=record", "-XX:AOTConfiguration=" + configuration(workDir, function))
                : List.of("-XX:ArchiveClassesAtExit=" + file(taskRoot));
    }

    /** The flags of the AOT cache's assembly from the training run's configuration (AOT only). */
    List<String> assemblyFlags(Path taskRoot, Path workDir, Column.Function function) {
        return List.of("-XX:AOTMode=create", "-XX:AOTConfiguration=" + configuration(workDir, function),
                "-XX:AOTCache=" + file(taskRoot));
    }

    /** What the function's environment would hold: the archive, a silent fallback if the JVM rejects it. */
    String toolOptions(Path taskRoot) {
        return aot()
                ? "-XX:AOTCache=" + file(taskRoot) + " -Xlog:aot=off -Xlog:cds=off"
                : "-XX:SharedArchiveFile=" + file(taskRoot) + " -Xshare:auto -Xlog:cds=off -Xlog:aot=off";
    }

    /**
     * Changes the JVM build the archive names in its header (the {@code +N} of {@code java.vm.version}) to another
     * one of the same length, so that this JVM treats it as an archive of another build of the same release.
     */
    static void markForeign(Path archive) {
        String version = System.getProperty("java.vm.version");
        int plus = version.indexOf('+');
        if (plus < 0 || plus + 1 >= version.length() || !Character.isDigit(version.charAt(plus + 1))) {
            throw new IllegalStateException("no build number in java.vm.version " + version);
        }
        byte[] ours = ("(" + version + ")").getBytes(StandardCharsets.US_ASCII);
        try {
            byte[] data = Files.readAllBytes(archive);
            int at = indexOf(data, ours, 8192);
            if (at < 0) {
                throw new IllegalStateException(archive + " does not name " + version + " in its header");
            }
            int digit = at + 1 + plus + 1;
            data[digit] = (byte) ('0' + (data[digit] - '0' + 1) % 10);
            Files.write(archive, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int indexOf(byte[] data, byte[] what, int within) {
        for (int i = 0; i + what.length <= Math.min(data.length, within); i++) {
            int j = 0;
            while (j < what.length && data[i + j] == what[j]) {
                j++;
            }
            if (j == what.length) {
                return i;
            }
        }
        return -1;
    }
}
