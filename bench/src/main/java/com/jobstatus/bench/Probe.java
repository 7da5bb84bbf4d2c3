package com.jobstatus.bench;

import java.io.FileOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The part of a probe JVM that measures: one fresh JVM, one subject (a function's handler or the bare-SDK
 * baseline), driven the way Lambda drives it. INIT is everything from JVM start until the subject is built
 * (and, when SnapStart is simulated, primed by its snapshot hook); then one first request; then warm-up
 * requests; then the measured warm requests. The figures go to a result file as {@code name=value} lines.
 *
 * <p>Measurement code runs only JDK boot classes (no lambdas, streams, formatting or JSON), so the subject
 * finds nothing loaded or compiled for it that it would not find on Lambda.
 */
abstract class Probe {

    /** INIT: build what the Lambda runtime builds before the first request. */
    abstract void init(Arguments args) throws Exception;

    /** SnapStart's {@code beforeCheckpoint}, run at the end of INIT when the scenario simulates SnapStart. */
    void beforeSnapshot() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no snapshot hook");
    }

    /** After INIT and not measured: the requests' inputs, as the Lambda runtime would hand them over. */
    abstract void prepare(Arguments args) throws Exception;

    /** Invocation number {@code i} (0 is the first request); false if the answer was not the expected one. */
    abstract boolean invoke(int i) throws Exception;

    /** Runs a probe from its {@code main}; any failure exits non-zero with the cause on standard error. */
    static void run(Probe probe, String[] argv) {
        try {
            measure(probe, Arguments.parse(argv));
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void measure(Probe probe, Arguments args) throws Exception {
        probe.init(args);
        if (args.flag("snapshot")) {
            probe.beforeSnapshot();
        }
        long initCpu = ProcessStats.cpuNanos();
        long initWall = System.nanoTime() - args.number("launchNanos");

        probe.prepare(args);
        int warmup = (int) args.number("warmup");
        int requests = (int) args.number("requests");
        long clockCost = clockCost();

        long firstStart = System.nanoTime();
        long firstCpu = ProcessStats.cpuNanos();
        int failures = probe.invoke(0) ? 0 : 1;
        long firstCpuEnd = ProcessStats.cpuNanos();
        long firstWall = System.nanoTime() - firstStart;

        long warmCpu = 0;
        long warmWall = 0;
        if (requests > 0) {
            for (int i = 1; i <= warmup; i++) {
                failures += probe.invoke(i) ? 0 : 1;
            }
            long warmStart = System.nanoTime();
            long warmCpuStart = ProcessStats.cpuNanos();
            for (int i = warmup + 1; i <= warmup + requests; i++) {
                failures += probe.invoke(i) ? 0 : 1;
            }
            warmCpu = ProcessStats.cpuNanos() - warmCpuStart;
            warmWall = System.nanoTime() - warmStart;
        }

        long peakRssKib = ProcessStats.peakRssKib();
        long endCpuNanos = ProcessStats.cpuNanos();
        long endTickCpuMillis = ProcessStats.tickCpuMillis();
        StringBuilder out = new StringBuilder(512)
                .append("initCpuNanos=").append(initCpu).append('\n')
                .append("initWallNanos=").append(initWall).append('\n')
                .append("firstCpuNanos=").append(Math.max(0, firstCpuEnd - firstCpu - clockCost)).append('\n')
                .append("firstWallNanos=").append(firstWall).append('\n')
                .append("warmCpuNanos=").append(warmCpu).append('\n')
                .append("warmWallNanos=").append(warmWall).append('\n')
                .append("warmRequests=").append(requests).append('\n')
                .append("failures=").append(failures).append('\n')
                .append("peakRssKib=").append(peakRssKib).append('\n')
                .append("endCpuNanos=").append(endCpuNanos).append('\n')
                .append("endTickCpuMillis=").append(endTickCpuMillis).append('\n')
                // last, because asking the JVM loads its management classes (counted here too)
                .append("loadedClasses=").append(ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount())
                .append('\n')
                .append("metaspaceKib=").append(metaspaceUsedKib()).append('\n')
                .append("jvm=").append(System.getProperty("java.vm.vendor")).append(' ')
                .append(System.getProperty("java.vm.version")).append('\n');
        try (FileOutputStream file = new FileOutputStream(args.text("result"))) {
            file.write(out.toString().getBytes(StandardCharsets.UTF_8));
        }
        System.exit(0);
    }

    private static long metaspaceUsedKib() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if ("Metaspace".equals(pool.getName())) {
                return pool.getUsage().getUsed() / 1024;
            }
        }
        return -1;
    }

    /** What reading the clock twice costs by itself, subtracted from the single first-request reading. */
    private static long clockCost() {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long before = ProcessStats.cpuNanos();
            least = Math.min(least, ProcessStats.cpuNanos() - before);
        }
        return least;
    }

    /** The probe's {@code name=value} arguments. */
    static final class Arguments {

        private final Map<String, String> values;

        private Arguments(Map<String, String> values) {
            this.values = values;
        }

        static Arguments parse(String[] argv) {
            Map<String, String> values = new HashMap<>();
            for (String arg : argv) {
                int eq = arg.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("probe arguments are name=value, got '" + arg + "'");
                }
                values.put(arg.substring(0, eq), arg.substring(eq + 1));
            }
            return new Arguments(values);
        }

        String text(String name) {
            String value = values.get(name);
            if (value == null) {
                throw new IllegalArgumentException("missing probe argument " + name);
            }
            return value;
        }

        long number(String name) {
            return Long.parseLong(text(name));
        }

        boolean flag(String name) {
            return Boolean.parseBoolean(values.get(name));
        }
    }
}
