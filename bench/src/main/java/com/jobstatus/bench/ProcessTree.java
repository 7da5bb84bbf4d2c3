package com.jobstatus.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time and peak memory of a measured process and its descendants, read from outside it in {@code /proc}, so
 * that measuring costs the measured process nothing.
 *
 * <p>CPU is the scheduler's per-thread sum ({@code /proc/<pid>/task/<tid>/schedstat}, first field, ns), exact where
 * {@code /proc/<pid>/stat} counts 10 ms ticks. Threads that exit take their time with them, so every thread's last
 * reading is kept and still counted after it is gone; {@link #tickCpuMillis()} is the kernel's own total (dead
 * threads included, at tick resolution) to check that against. Each reading is also split by what the thread does,
 * from its name: the JIT's compiler threads, the JVM's VM thread (where the serial collector runs) and GC threads,
 * and everything else (the handler's thread and its helpers; all of a Python process).
 */
final class ProcessTree {

    /** Where a reading's CPU went. */
    enum Kind {
        JIT, GC_VM, OTHER;

        static Kind of(String threadName) {
            if (threadName.contains("CompilerThre")) {
                return JIT;
            }
            if (threadName.startsWith("VM Thread") || threadName.startsWith("GC Thread")) {
                return GC_VM;
            }
            return OTHER;
        }
    }

    /** CPU in ns by {@link Kind}, cumulative since the process started. */
    record Cpu(long jit, long gcVm, long other) {

        long total() {
            return jit + gcVm + other;
        }

        Cpu minus(Cpu earlier) {
            return new Cpu(jit - earlier.jit, gcVm - earlier.gcVm, other - earlier.other);
        }
    }

    private final long pid;
    /** Every thread seen: its last reading and its kind. */
    private final Map<String, long[]> threads = new HashMap<>();
    private final Map<String, Kind> kinds = new HashMap<>();

    ProcessTree(long pid) {
        this.pid = pid;
    }

    /** CPU of every thread of the process and its descendants so far, exited threads at their last reading. */
    synchronized Cpu cpu() {
        for (long p : processes()) {
            for (String tid : list(Path.of("/proc", Long.toString(p), "task"))) {
                String key = p + "/" + tid;
                Path task = Path.of("/proc", Long.toString(p), "task", tid);
                Long ns = firstNumber(task.resolve("schedstat"));
                if (ns == null) {
                    continue; // exited between listing and reading: its last reading stands
                }
                kinds.computeIfAbsent(key, k -> Kind.of(read(task.resolve("comm")).trim()));
                threads.computeIfAbsent(key, k -> new long[1])[0] = ns;
            }
        }
        long[] byKind = new long[Kind.values().length];
        threads.forEach((key, ns) -> byKind[kinds.get(key).ordinal()] += ns[0]);
        return new Cpu(byKind[Kind.JIT.ordinal()], byKind[Kind.GC_VM.ordinal()], byKind[Kind.OTHER.ordinal()]);
    }

    /** Peak resident memory ({@code VmHWM}) in KiB, summed over the process and its descendants. */
    long peakRssKib() {
        long sum = 0;
        for (long p : processes()) {
            for (String line : read(Path.of("/proc", Long.toString(p), "status")).split("\n")) {
                if (line.startsWith("VmHWM:")) {
                    sum += Long.parseLong(line.substring(6).replace("kB", "").trim());
                }
            }
        }
        return sum;
    }

    /** The kernel's user + system CPU of the process (exited threads included) in ms, at 10 ms resolution. */
    long tickCpuMillis() {
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        // the fields after the command name, which is in parentheses and may contain spaces
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10; // USER_HZ is 100 on Linux
    }

    /** The process and its descendants, from each thread's {@code children} list. */
    private List<Long> processes() {
        List<Long> all = new ArrayList<>();
        all.add(pid);
        for (int i = 0; i < all.size(); i++) {
            Path tasks = Path.of("/proc", Long.toString(all.get(i)), "task");
            for (String tid : list(tasks)) {
                String children = read(tasks.resolve(tid).resolve("children")).trim();
                if (!children.isEmpty()) {
                    for (String child : children.split(" ")) {
                        all.add(Long.parseLong(child));
                    }
                }
            }
        }
        return all;
    }

    private static List<String> list(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).toList();
        } catch (NoSuchFileException gone) {
            return List.of();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + dir + ": the benchmark needs Linux /proc", e);
        }
    }

    private static Long firstNumber(Path file) {
        String text = read(file);
        if (text.isEmpty()) {
            return null;
        }
        int end = text.indexOf(' ');
        return Long.parseLong(end < 0 ? text.trim() : text.substring(0, end));
    }

    /** The file's text, or empty if it is gone (a thread or process that exited). */
    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException gone) {
            return "";
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains("No such process")) {
                return "";
            }
            throw new IllegalStateException("cannot read " + file, e);
        }
    }
}
