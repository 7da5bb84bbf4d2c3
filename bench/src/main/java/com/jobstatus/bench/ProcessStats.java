package com.jobstatus.bench;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * What the probe JVM knows about itself from {@code /proc}: CPU time with nanosecond resolution, the same in
 * clock ticks as a cross-check, and peak resident memory. Plain file reads of boot classes only, so measuring
 * loads nothing the function under test could later find already loaded.
 *
 * <p>Why not {@code OperatingSystemMXBean.getProcessCpuTime()} or {@code /proc/self/stat}: on this kernel both
 * count in 10 ms clock ticks, coarser than the first-request budget (15 ms), and the MXBean costs ~40 ms of CPU
 * to load. The scheduler's own per-thread sum ({@code /proc/self/task/<tid>/schedstat}, first field, in ns) is
 * exact; summed over the live threads it is the process's CPU time, except for threads that have exited, which
 * {@link #tickCpuMillis()} lets the report check.
 */
final class ProcessStats {

    private static final File TASKS = new File("/proc/self/task");
    private static final byte[] BUFFER = new byte[256];

    private ProcessStats() {
    }

    /** CPU time of every live thread of this process, in ns. */
    static long cpuNanos() {
        // a running thread's sum is brought up to date only when it is scheduled; yielding does that for us
        Thread.yield();
        String[] threads = TASKS.list();
        if (threads == null) {
            throw new IllegalStateException("cannot list /proc/self/task: the benchmark needs Linux /proc");
        }
        long sum = 0;
        StringBuilder path = new StringBuilder(40);
        for (String tid : threads) {
            // StringBuilder, not +: string concatenation would link invokedynamic call sites for the subject
            path.setLength(0);
            path.append("/proc/self/task/").append(tid).append("/schedstat");
            try (FileInputStream in = new FileInputStream(path.toString())) {
                sum += firstNumber(in);
            } catch (FileNotFoundException exited) {
                // the thread ended between listing and reading: its time is lost (see tickCpuMillis)
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sum;
    }

    /** User + system CPU of the whole process (exited threads included) in ms, at 10 ms resolution. */
    static long tickCpuMillis() {
        String stat = read("/proc/self/stat");
        // fields after the command name, which is in parentheses and may contain spaces
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks * 1000 / 100; // USER_HZ is 100 on Linux
    }

    /** Peak resident set size ({@code VmHWM}) in KiB. */
    static long peakRssKib() {
        for (String line : read("/proc/self/status").split("\n")) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.substring(6).replace("kB", "").trim());
            }
        }
        throw new IllegalStateException("no VmHWM in /proc/self/status");
    }

    private static long firstNumber(FileInputStream in) throws IOException {
        int n = in.read(BUFFER);
        long value = 0;
        for (int i = 0; i < n && BUFFER[i] >= '0' && BUFFER[i] <= '9'; i++) {
            value = value * 10 + (BUFFER[i] - '0');
        }
        return value;
    }

    private static String read(String path) {
        try (FileInputStream in = new FileInputStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
