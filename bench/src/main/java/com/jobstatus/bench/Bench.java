package com.jobstatus.bench;

import com.jobstatus.localaws.Checkout;
import com.jobstatus.localaws.MotoServer;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The benchmark (issues #6 and #15, docs/DESIGN.md §10): both functions as Lambda runs them, under AWS's Java
 * Runtime Interface Client polling a {@link RuntimeApi} on loopback, beside the Python peers under the same API
 * and a bare-SDK baseline per function, all against one moto server it starts on loopback. Every {@link Column}
 * runs in fresh processes, interleaved round by round so that load from other work on the machine falls on all of
 * them alike; the medians go to {@code BENCHMARKS.md} ({@link Report}).
 *
 * <pre>bench/run [--runs 3] [--warm 1000] [--steady-after 4000] [--steady 1000] [--columns reader-snapstart,...]
 *           [--out FILE] [--work DIR] [--keep-logs] [--jvm-flag -XX:...] [--env KEY=VALUE] [--archive KIND]
 *           [--python PATH]</pre>
 */
public final class Bench {

    private static final long PROCESS_TIMEOUT_MINUTES = 10;

    /**
     * @param root     the repository root: the functions' zips, the RIC's class path and the peers are under it
     * @param workDir  unpacked packages, logs, the moto server's log
     * @param keepLogs keep every process's output instead of only failed ones'
     * @param extraEnv an experiment's environment variables for the functions' own JVMs ({@code --env}), e.g.
     *                 {@code POWERTOOLS_METRICS_DISABLED=true} to measure what metrics cost
     * @param archive  a class-data archive of the function's own, for the functions' own JVMs ({@code --archive})
     * @param python   the Python interpreter with boto3 for the peers
     */
    public record Options(int runs, Measurement.Windows windows, List<Column> columns, Path root, Path out,
                          Path workDir, boolean keepLogs, List<String> extraJvmFlags, Map<String, String> extraEnv,
                          ClassArchive archive, String python, String command) {

        public Options {
            if (runs < 1) {
                throw new IllegalArgumentException("need at least 1 run");
            }
            columns = List.copyOf(columns);
            extraJvmFlags = List.copyOf(extraJvmFlags);
            extraEnv = Map.copyOf(extraEnv);
        }

        /** Lambda's JVM flags at 256 MB, then any given for an experiment ({@code --jvm-flag}). */
        List<String> jvmFlags() {
            List<String> flags = new ArrayList<>(LambdaJvm.flags(LambdaJvm.MEMORY_MB));
            flags.addAll(extraJvmFlags);
            return flags;
        }

        static Options parse(String[] args, Path root) {
            int runs = 3;
            int warm = 1000;
            Integer steadyAfter = null;
            Integer steady = null;
            List<Column> columns = List.of(Column.values());
            Path out = root.resolve("BENCHMARKS.md");
            Path work = root.resolve("bench/target/bench-run");
            boolean keepLogs = false;
            List<String> extraJvmFlags = new ArrayList<>();
            Map<String, String> extraEnv = new LinkedHashMap<>();
            ClassArchive archive = ClassArchive.NONE;
            String python = "python3";
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--runs" -> runs = Integer.parseInt(required(args[i], value));
                    case "--warm" -> warm = Integer.parseInt(required(args[i], value));
                    case "--steady-after" -> steadyAfter = Integer.parseInt(required(args[i], value));
                    case "--steady" -> steady = Integer.parseInt(required(args[i], value));
                    case "--columns" -> columns = columns(required(args[i], value));
                    case "--out" -> out = Path.of(required(args[i], value));
                    case "--work" -> work = Path.of(required(args[i], value));
                    case "--jvm-flag" -> extraJvmFlags.add(required(args[i], value));
                    case "--env" -> {
                        String pair = required(args[i], value);
                        int eq = pair.indexOf('=');
                        if (eq < 1) {
                            throw new IllegalArgumentException("--env needs KEY=VALUE, not " + pair);
                        }
                        extraEnv.put(pair.substring(0, eq), pair.substring(eq + 1));
                    }
                    case "--archive" -> archive = ClassArchive.of(required(args[i], value));
                    case "--python" -> python = required(args[i], value);
                    case "--keep-logs" -> {
                        keepLogs = true;
                        continue;
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i] + "; options: --runs N "
                            + "--warm N --steady-after N --steady N --columns " + ids() + " --out FILE --work DIR "
                            + "--keep-logs --jvm-flag FLAG --env KEY=VALUE --archive none|cds|aot|cds-foreign|aot-foreign "
                            + "--python PATH");
                }
                i++;
            }
            // C1 goes on compiling the request path for ~3,000 requests (the JIT threads' CPU is zero after that in
            // the warm-up curve of BENCHMARKS.md): by default the steady window starts after 4 × the first window
            Measurement.Windows windows = new Measurement.Windows(warm, steadyAfter != null ? steadyAfter : 4 * warm,
                    steady != null ? steady : warm);
            return new Options(runs, windows, columns, root, out.toAbsolutePath(), work.toAbsolutePath(), keepLogs,
                    extraJvmFlags, extraEnv, archive, python, ("bench/run " + String.join(" ", args)).trim());
        }

        private static String required(String option, String value) {
            if (value == null) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return value;
        }

        private static List<Column> columns(String list) {
            List<Column> chosen = new ArrayList<>();
            for (String id : list.split(",")) {
                chosen.add(Arrays.stream(Column.values()).filter(c -> c.id().equals(id.trim())).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("no column " + id + "; there are " + ids())));
            }
            return chosen;
        }

        private static String ids() {
            return String.join(",", Arrays.stream(Column.values()).map(Column::id).toList());
        }
    }

    private final Options options;

    Bench(Options options) {
        this.options = options;
    }

    public static void main(String[] args) {
        Options options = Options.parse(args, Checkout.root());
        Report report = new Bench(options).run();
        report.writeInto(options.out());
        System.out.println(report.markdown());
        System.out.println("written to " + options.out());
    }

    /** Runs every column {@code runs} times; throws if a process fails or a request gets a wrong answer. */
    Report run() {
        cleanPackages();
        String loadAtStart = loadAverage();
        Python python = options.columns().stream().anyMatch(c -> !c.isJava()) ? Python.find(options.python()) : null;
        List<String> ricClassPath = ricClassPath();
        Path nativeClient = nativeClient(ricClassPath);
        List<Measurement> measurements = new ArrayList<>();
        try (MotoServer moto = MotoServer.start(options.workDir())) {
            Workload workload = new Workload(moto.endpoint());
            if (options.archive() != ClassArchive.NONE) {
                for (Column.Function function : Column.Function.values()) {
                    if (options.columns().stream().anyMatch(c -> c.function == function && c.runtime == Column.Runtime.JAVA)) {
                        buildArchive(function, workload, ricClassPath, nativeClient);
                    }
                }
            }
            for (int round = 1; round <= options.runs(); round++) {
                for (Column column : options.columns()) {
                    List<String> command = new ArrayList<>();
                    Path taskRoot;
                    if (column.isJava()) {
                        command.addAll(javaCommand(options.jvmFlags(), nativeClient, ricClassPath));
                        command.add(LambdaJvm.RIC_MAIN);
                        command.add(handler(column));
                        taskRoot = column.runtime == Column.Runtime.JAVA ? unpacked(column.function) : bare(column.function);
                    } else {
                        taskRoot = options.root().resolve("bench/peers").resolve(column.function.peerDirectory);
                        command.addAll(List.of(python.executable(), options.root().resolve("bench/peers/bootstrap.py")
                                .toString(), taskRoot.toString(), "handler.handler"));
                    }
                    Measurement m = measure(column, round, workload, command, taskRoot);
                    measurements.add(m);
                    System.out.printf(Locale.ROOT, "%s #%d: INIT %.0f ms, first %.1f ms, warm %.2f ms/request "
                                    + "(steady %.2f), peak RSS %.0f MiB%n", column.id(), round, m.initCpuMillis(),
                            m.firstCpuMillis(), m.warmCpuMillis(), m.steadyCpuMillis(), m.peakRssMib());
                }
            }
        }
        String date = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm 'UTC'"));
        return new Report(new Report.Run(date, machine(), options.command(), options, loadAtStart, loadAverage(),
                System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version"),
                python == null ? "not run" : python.version(), ricVersion(ricClassPath)), measurements);
    }

    /** {@code java}, its flags, the RIC's flags and class path: what runs the RIC's main class. */
    private static List<String> javaCommand(List<String> jvmFlags, Path nativeClient, List<String> ricClassPath) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.addAll(LambdaJvm.runtimeClientFlags(nativeClient));
        command.add("-cp");
        command.add(String.join(File.pathSeparator, ricClassPath));
        return command;
    }

    /**
     * The function's class-data archive ({@code --archive}), as a packaging step would build it: a training run of
     * the function under the RIC (no SnapStart, {@link ClassArchive#TRAINING_REQUESTS} requests against the same
     * local AWS) with the measured JVMs' flags, and for an AOT cache its assembly from what the run recorded; the
     * archive lands in the unpacked zip, where the measured JVMs are pointed at it.
     */
    private void buildArchive(Column.Function function, Workload workload, List<String> ricClassPath, Path nativeClient) {
        ClassArchive archive = options.archive();
        Path taskRoot = unpacked(function);
        List<String> flags = new ArrayList<>(options.jvmFlags());
        flags.addAll(archive.trainingFlags(taskRoot, options.workDir(), function));
        List<String> command = new ArrayList<>(javaCommand(flags, nativeClient, ricClassPath));
        command.add(LambdaJvm.RIC_MAIN);
        command.add(function.handler);
        String name = "train-" + function.module;
        long start = System.nanoTime();
        serve(name, function.onDemand(), workload, command, taskRoot,
                Workload.events(function, "bench-" + name + "-", ClassArchive.TRAINING_REQUESTS), Map.of(), true);
        if (archive.aot()) {
            List<String> assembly = new ArrayList<>(options.jvmFlags());
            assembly.addAll(archive.assemblyFlags(taskRoot, options.workDir(), function));
            run(name + "-assembly", javaCommand(assembly, nativeClient, ricClassPath), taskRoot);
        }
        Path file = archive.file(taskRoot);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("the training run of " + function.functionName + " left no " + file);
        }
        if (archive.foreign()) {
            ClassArchive.markForeign(file);
        }
        System.out.printf(Locale.ROOT, "%s: %s, %d MiB, built in %.0f s%n", name, file.getFileName(),
                size(file) / (1024 * 1024), (System.nanoTime() - start) / 1e9);
    }

    /** Runs a command to its end in the work directory's logs; throws if it fails. */
    private void run(String name, List<String> command, Path directory) {
        Path log = options.workDir().resolve("logs").resolve(name + ".log");
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!process.waitFor(PROCESS_TIMEOUT_MINUTES, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(name + " failed; the end of its output (" + log + "):\n" + tail(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + name + " ran", e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One fresh process of a column, from its start to its last request; returns what the Runtime API read. */
    private Measurement measure(Column column, int round, Workload workload, List<String> command, Path taskRoot) {
        String name = column.id() + "-" + round;
        Map<String, String> extraEnv = new LinkedHashMap<>();
        if (column.runtime == Column.Runtime.JAVA) {
            if (options.archive() != ClassArchive.NONE) {
                extraEnv.put("JAVA_TOOL_OPTIONS", options.archive().toolOptions(taskRoot));
            }
            extraEnv.putAll(options.extraEnv());
        }
        RuntimeApi.Marks marks = serve(name, column, workload, command, taskRoot,
                Workload.events(column.function, "bench-" + name + "-", options.windows().requests()), extraEnv, false);
        return new Measurement(column, round, marks.loadAtStart, marks, options.windows());
    }

    /**
     * Runs one process of a column's kind through the given events and ends it; returns what the Runtime API read.
     *
     * @param untilExit wait for the process to exit by itself after it is asked to end, however long that takes
     *                  (a training run writes its archive then), instead of ending it by force after 10 s
     */
    private RuntimeApi.Marks serve(String name, Column column, Workload workload, List<String> command, Path taskRoot,
                                   List<byte[]> events, Map<String, String> extraEnv, boolean untilExit) {
        Path log = options.workDir().resolve("logs").resolve(name + ".log");
        try (RuntimeApi api = new RuntimeApi(events, Workload.expectedAnswer(column.function),
                Workload.functionArn(column.function))) {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).directory(taskRoot.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.clear();
            env.putAll(workload.environment(column.function, options.workDir()));
            env.put("AWS_LAMBDA_RUNTIME_API", api.address());
            env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
            env.put("_HANDLER", column.isJava() ? handler(column) : "handler.handler");
            env.putAll(extraEnv);
            if (column.isJava()) {
                env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java25");
                env.put("AWS_LAMBDA_INITIALIZATION_TYPE", column.snapStart ? "snap-start" : "on-demand");
            } else {
                env.put("AWS_EXECUTION_ENV", "AWS_Lambda_python3.12");
                // the task root is read-only on Lambda: handler modules are compiled at each start
                env.put("PYTHONDONTWRITEBYTECODE", "1");
            }
            double load = oneMinuteLoad();
            long start = System.nanoTime();
            Process process = builder.start();
            api.attach(process.pid(), start);
            process.onExit().thenRun(() -> api.fail(name + " exited (code " + process.exitValue()
                    + ") before its last request"));
            try {
                RuntimeApi.Marks marks = api.completion().get(PROCESS_TIMEOUT_MINUTES, TimeUnit.MINUTES);
                marks.loadAtStart = load;
                if (!options.keepLogs()) {
                    Files.delete(log);
                }
                return marks;
            } catch (ExecutionException | TimeoutException e) {
                String why = e instanceof TimeoutException ? "did not finish within " + PROCESS_TIMEOUT_MINUTES
                        + " minutes" : e.getCause().getMessage();
                throw new IllegalStateException(name + ": " + why + "; the end of its output (" + log + "):\n"
                        + tail(log), e);
            } finally {
                // SIGTERM first, so that an experiment's -XX:StartFlightRecording or -Xlog file is written out
                process.destroy();
                if (!process.waitFor(untilExit ? PROCESS_TIMEOUT_MINUTES * 60 : 10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + name + " ran", e);
        }
    }

    private static String handler(Column column) {
        return column.runtime == Column.Runtime.JAVA_BARE
                ? column.function.bareHandler.getName() + "::handleRequest" : column.function.handler;
    }

    /** The RIC and its dependencies, as Maven resolved them for {@code bench/target/ric.classpath}. */
    private List<String> ricClassPath() {
        Path file = options.root().resolve("bench/target/ric.classpath");
        try {
            return List.of(Files.readString(file).trim().split(File.pathSeparator));
        } catch (IOException e) {
            throw new IllegalStateException(file + " is missing: build it first with "
                    + "./mvnw -B -pl bench -am package -DskipTests (bench/run does)", e);
        }
    }

    private static String ricVersion(List<String> ricClassPath) {
        return ricClassPath.stream().map(p -> Path.of(p).getFileName().toString())
                .filter(n -> n.startsWith("aws-lambda-java-runtime-interface-client-")).findFirst()
                .map(n -> n.replace("aws-lambda-java-runtime-interface-client-", "").replace(".jar", ""))
                .orElse("?");
    }

    /**
     * The RIC's native Runtime API client for this machine, unpacked once from its jar into the work directory and
     * named to the RIC by a system property, as Lambda's runtime does; the RIC would otherwise unpack it to one
     * fixed file in /tmp at every start, shared by every JVM on the machine.
     */
    private Path nativeClient(List<String> ricClassPath) {
        String arch = System.getProperty("os.arch").equals("aarch64") ? "aarch_64" : "x86_64";
        String entryName = "jni/libaws-lambda-jni.linux-" + arch + ".so";
        Path target = options.workDir().resolve(Path.of(entryName).getFileName());
        String jar = ricClassPath.stream().filter(p -> p.contains("aws-lambda-java-runtime-interface-client"))
                .findFirst().orElseThrow(() -> new IllegalStateException("no RIC on " + ricClassPath));
        try (ZipFile zip = new ZipFile(jar)) {
            ZipEntry entry = zip.getEntry(entryName);
            if (entry == null) {
                throw new IllegalStateException(jar + " has no " + entryName);
            }
            Files.createDirectories(target.getParent());
            try (InputStream in = zip.getInputStream(entry)) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The baseline's task root: its handler's classes at the root, the function's libraries as {@code lib}
     * (a link to the unpacked zip's), so it runs with the same SDK as the function.
     */
    private Path bare(Column.Function function) {
        Path target = options.workDir().resolve("packages").resolve(function.module + "-bare");
        if (Files.isDirectory(target)) {
            return target;
        }
        try {
            for (Class<?> type : List.of(BareSdkHandler.class, function.bareHandler)) {
                String file = type.getName().replace('.', '/') + ".class";
                Path to = target.resolve(file);
                Files.createDirectories(to.getParent());
                try (InputStream in = type.getClassLoader().getResourceAsStream(file)) {
                    Files.copy(in, to);
                }
            }
            Files.createSymbolicLink(target.resolve("lib"), unpacked(function).resolve("lib"));
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The peers' interpreter: found once, checked to have boto3. */
    record Python(String executable, String version) {

        static Python find(String command) {
            try {
                Process p = new ProcessBuilder(command, "-c",
                        "import sys, boto3; print(sys.executable); print(sys.version.split()[0], 'boto3', boto3.__version__)")
                        .redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (p.waitFor() != 0) {
                    throw new IllegalStateException("the Python peers need " + command + " with boto3 "
                            + "(pip install boto3, or --python PATH): " + out.trim());
                }
                // the interpreter itself, not a wrapper (pyenv's shims are scripts), so INIT counts only Python
                String[] lines = out.trim().split("\n");
                return new Python(lines[0].trim(), "Python " + lines[1].trim());
            } catch (IOException e) {
                throw new IllegalStateException("the Python peers need " + command + " with boto3: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The function's zip, unpacked once per run into the work directory: its task root, as /var/task on Lambda. */
    private Path unpacked(Column.Function function) {
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
