package com.jobstatus.bench;

import com.jobstatus.testing.MotoServer;
import com.jobstatus.testing.TestContext;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The benchmark (issue #6, DESIGN.md section 10): starts a moto server on loopback, creates what the functions
 * need there, then runs every {@link Scenario} in fresh JVMs started as Lambda starts them ({@link LambdaJvm})
 * from the functions' own deployment packages, and writes the medians to {@code BENCHMARKS.md} ({@link Report}).
 * Scenarios are interleaved round by round, so load from other work on the machine falls on all of them alike.
 *
 * <pre>bench/run [--jvms 5] [--requests 2000] [--warmup 1000] [--scenarios reader-snapstart,...] [--out FILE]
 *           [--keep-logs] [--jvm-flag -XX:...]</pre>
 */
public final class Bench {

    private static final long PROBE_TIMEOUT_MINUTES = 10;

    /**
     * @param root     the repository root: the functions' zips are under it
     * @param workDir  unpacked packages, probe results and logs, the moto server's log
     * @param keepLogs keep every probe's output (2 log lines per request) instead of only failed ones'
     */
    public record Options(int jvms, int requests, int warmup, List<Scenario> scenarios, Path root, Path out,
                          Path workDir, boolean keepLogs, List<String> extraJvmFlags, String command) {

        public Options {
            if (jvms < 1 || requests < 1 || warmup < 0) {
                throw new IllegalArgumentException("need at least 1 JVM and 1 request, and no negative warm-up");
            }
            scenarios = List.copyOf(scenarios);
            extraJvmFlags = List.copyOf(extraJvmFlags);
        }

        /** Lambda's JVM flags, then any given for an experiment ({@code --jvm-flag}, as {@code JAVA_TOOL_OPTIONS}). */
        List<String> jvmFlags() {
            List<String> flags = new ArrayList<>(LambdaJvm.flags(LambdaJvm.MEMORY_MB));
            flags.addAll(extraJvmFlags);
            return flags;
        }

        static Options parse(String[] args, Path root) {
            int jvms = 5;
            int requests = 2000;
            // C1 keeps compiling the request path for the first ~2,000 requests (JIT thresholds scale with the
            // compile queue); warm figures are taken after most of that, as a busy function would see them
            int warmup = 1000;
            List<Scenario> scenarios = List.of(Scenario.values());
            Path out = root.resolve("BENCHMARKS.md");
            Path work = root.resolve("bench/target/bench-run");
            boolean keepLogs = false;
            List<String> extraJvmFlags = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--jvms" -> jvms = Integer.parseInt(required(args[i], value));
                    case "--requests" -> requests = Integer.parseInt(required(args[i], value));
                    case "--warmup" -> warmup = Integer.parseInt(required(args[i], value));
                    case "--scenarios" -> scenarios = scenarios(required(args[i], value));
                    case "--out" -> out = Path.of(required(args[i], value));
                    case "--work" -> work = Path.of(required(args[i], value));
                    case "--jvm-flag" -> extraJvmFlags.add(required(args[i], value));
                    case "--keep-logs" -> {
                        keepLogs = true;
                        continue;
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i] + "; options: --jvms N "
                            + "--requests N --warmup N --scenarios " + ids() + " --out FILE --work DIR --keep-logs "
                            + "--jvm-flag FLAG");
                }
                i++;
            }
            return new Options(jvms, requests, warmup, scenarios, root, out.toAbsolutePath(), work.toAbsolutePath(),
                    keepLogs, extraJvmFlags, ("bench/run " + String.join(" ", args)).trim());
        }

        private static String required(String option, String value) {
            if (value == null) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return value;
        }

        private static List<Scenario> scenarios(String list) {
            List<Scenario> chosen = new ArrayList<>();
            for (String id : list.split(",")) {
                chosen.add(Arrays.stream(Scenario.values()).filter(s -> s.id().equals(id.trim())).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("no scenario " + id + "; there are " + ids())));
            }
            return chosen;
        }

        private static String ids() {
            return String.join(",", Arrays.stream(Scenario.values()).map(Scenario::id).toList());
        }
    }

    private final Options options;

    Bench(Options options) {
        this.options = options;
    }

    public static void main(String[] args) {
        Options options = Options.parse(args, repositoryRoot());
        Report report = new Bench(options).run();
        report.writeInto(options.out());
        System.out.println(report.markdown());
        System.out.println("written to " + options.out());
    }

    /** Runs every scenario {@code jvms} times; throws if a probe fails or a request gets a wrong answer. */
    Report run() {
        cleanPackages();
        String loadAtStart = loadAverage();
        List<Measurement> measurements = new ArrayList<>();
        try (MotoServer moto = MotoServer.start(options.workDir())) {
            Workload workload = new Workload(moto.endpoint());
            for (int round = 1; round <= options.jvms(); round++) {
                for (Scenario scenario : options.scenarios()) {
                    Measurement m = probe(scenario, round, workload, unpacked(scenario.function));
                    measurements.add(m);
                    System.out.printf(Locale.ROOT, "%s #%d: INIT %.3f s CPU, first %.1f ms CPU%s%n",
                            scenario.id(), round, m.initCpuNanos() / 1e9, m.firstCpuNanos() / 1e6,
                            scenario.warm ? String.format(Locale.ROOT, ", warm %.3f ms CPU/request",
                                    m.warmCpuPerRequestMillis()) : "");
                }
            }
        }
        String date = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm 'UTC'"));
        return new Report(new Report.Run(date, machine(), options.command(), options, loadAtStart, loadAverage()),
                measurements);
    }

    private Measurement probe(Scenario scenario, int round, Workload workload, Path lambdaPackage) {
        String name = scenario.id() + "-" + round;
        Path result = options.workDir().resolve("results").resolve(name + ".txt");
        Path log = options.workDir().resolve("logs").resolve(name + ".log");
        String jobPrefix = "bench-" + name + "-";
        int requests = scenario.warm ? options.requests() : 0;
        int warmup = scenario.warm ? options.warmup() : 0;
        int invocations = 1 + warmup + requests;
        try {
            Files.createDirectories(result.getParent());
            Files.createDirectories(log.getParent());
            Files.deleteIfExists(result);
            Path events = options.workDir().resolve("events.jsonl");
            if (scenario.function == Scenario.Function.PROJECTOR) {
                Workload.writeEvents(events, jobPrefix, invocations);
            }
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(options.jvmFlags());
            command.add("-cp");
            command.add(classPath(lambdaPackage));
            command.add(scenario.probe.getName());
            command.addAll(List.of("result=" + result, "requests=" + requests, "warmup=" + warmup,
                    "snapshot=" + scenario.snapshot, "jobId=" + Workload.READ_JOB_ID, "userId=" + Workload.USER_ID,
                    "origin=" + Workload.ORIGIN, "events=" + events, "jobPrefix=" + jobPrefix));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().clear();
            builder.environment().putAll(workload.environment(scenario.function));
            double load = oneMinuteLoad();
            builder.command().add("launchNanos=" + System.nanoTime());
            Process process = builder.start();
            if (!process.waitFor(PROBE_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(name + " did not finish within " + PROBE_TIMEOUT_MINUTES
                        + " minutes; its output: " + log);
            }
            if (process.exitValue() != 0 || !Files.exists(result)) {
                throw new IllegalStateException(name + " failed (exit " + process.exitValue() + "); the end of its output ("
                        + log + "):\n" + tail(log));
            }
            Measurement measurement = Measurement.read(scenario, round, result, load);
            if (measurement.failures() > 0) {
                throw new IllegalStateException(name + ": " + measurement.failures() + " of " + invocations
                        + " requests did not get the expected answer, so it measured the wrong path; see " + log);
            }
            if (!options.keepLogs()) {
                Files.delete(log);
            }
            return measurement;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + name + " ran", e);
        }
    }

    /**
     * The probe JVM's class path: the function's package as Lambda lays it out (classes at the root, then
     * {@code lib/*}), after the probe's own classes and the test support's Lambda context.
     */
    private static String classPath(Path lambdaPackage) {
        return String.join(File.pathSeparator, codeSource(Probe.class), codeSource(TestContext.class),
                lambdaPackage.toString(), lambdaPackage.resolve("lib").resolve("*").toString());
    }

    private static String codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The function's zip, unpacked once per run into the work directory. */
    private Path unpacked(Scenario.Function function) {
        Path zip = options.root().resolve(function.zip());
        Path target = options.workDir().resolve("packages").resolve(function.module);
        if (Files.isDirectory(target.resolve("lib"))) {
            return target;
        }
        if (!Files.exists(zip)) {
            throw new IllegalStateException(zip + " does not exist: build it first with "
                    + "./mvnw -B -pl bench -am package -DskipTests (bench/run does)");
        }
        try (ZipFile file = new ZipFile(zip.toFile())) {
            for (Enumeration<? extends ZipEntry> entries = file.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                Path to = target.resolve(entry.getName()).normalize();
                if (!to.startsWith(target)) {
                    throw new IllegalStateException("zip entry outside the package: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(to);
                } else {
                    Files.createDirectories(to.getParent());
                    try (InputStream in = file.getInputStream(entry)) {
                        Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Clears the unpacked packages of an earlier run, which may have been built from other sources. */
    private void cleanPackages() {
        Path packages = options.workDir().resolve("packages");
        if (!Files.exists(packages)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(packages)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The folder holding reader/ and projector/, found from the working directory upwards. */
    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("reader/pom.xml")) && Files.exists(dir.resolve("projector/pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("not inside the repository: no reader/ and projector/ above "
                + Path.of("").toAbsolutePath());
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static String loadAverage() {
        String[] fields = read("/proc/loadavg").split(" ");
        return fields[0] + ", " + fields[1] + ", " + fields[2];
    }

    private static double oneMinuteLoad() {
        return Double.parseDouble(read("/proc/loadavg").split(" ")[0]);
    }

    private static String machine() {
        String model = "unknown CPU";
        for (String line : read("/proc/cpuinfo").split("\n")) {
            if (line.startsWith("model name")) {
                model = line.substring(line.indexOf(':') + 1).trim();
                break;
            }
        }
        long memKib = 0;
        for (String line : read("/proc/meminfo").split("\n")) {
            if (line.startsWith("MemTotal:")) {
                memKib = Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return model + ", " + Runtime.getRuntime().availableProcessors() + " cores, "
                + Math.round(memKib / 1024.0 / 1024.0) + " GiB RAM, Linux " + read("/proc/sys/kernel/osrelease").trim();
    }

    private static String read(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
