package com.jobstatus.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The HotSpot JVM's own counters of a running JVM, read from the memory-mapped file it keeps them in
 * ({@code /tmp/hsperfdata_<user>/<pid>}, what {@code jstat} reads), so the measured JVM spends nothing on being
 * asked: classes loaded, time in class loading, time in the JIT. Only the long-valued counters are kept.
 */
final class PerfData {

    private static final int MAGIC = 0xcafec0c0;

    private final Map<String, Long> counters;

    private PerfData(Map<String, Long> counters) {
        this.counters = counters;
    }

    /** The counters of JVM {@code pid}; empty if it keeps none (a Python process, or {@code -XX:-UsePerfData}). */
    static PerfData of(long pid) {
        Path file = Path.of("/tmp", "hsperfdata_" + System.getProperty("user.name"), Long.toString(pid));
        if (!Files.exists(file)) {
            return new PerfData(Map.of());
        }
        try {
            return new PerfData(parse(ByteBuffer.wrap(Files.readAllBytes(file))));
        } catch (IOException | RuntimeException e) {
            // the JVM exited or is still writing its header: no counters rather than a failed run
            return new PerfData(Map.of());
        }
    }

    private static Map<String, Long> parse(ByteBuffer buffer) {
        if (buffer.getInt(0) != MAGIC) {
            return Map.of();
        }
        buffer.order(buffer.get(4) == 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int entryOffset = buffer.getInt(24);
        int entries = buffer.getInt(28);
        Map<String, Long> counters = new HashMap<>();
        int at = entryOffset;
        for (int i = 0; i < entries; i++) {
            int length = buffer.getInt(at);
            int nameOffset = buffer.getInt(at + 4);
            int vectorLength = buffer.getInt(at + 8);
            byte type = buffer.get(at + 12);
            int dataOffset = buffer.getInt(at + 16);
            if (vectorLength == 0 && type == 'J') {
                int nameEnd = at + nameOffset;
                while (buffer.get(nameEnd) != 0) {
                    nameEnd++;
                }
                byte[] name = new byte[nameEnd - at - nameOffset];
                buffer.get(at + nameOffset, name);
                counters.put(new String(name, StandardCharsets.US_ASCII), buffer.getLong(at + dataOffset));
            }
            at += length;
        }
        return counters;
    }

    boolean isEmpty() {
        return counters.isEmpty();
    }

    long get(String name) {
        return counters.getOrDefault(name, -1L);
    }

    /** Classes loaded so far (unloaded ones included). */
    long loadedClasses() {
        return get("java.cls.loadedClasses");
    }

    /** Of those, classes taken from a class-data-sharing archive. */
    long sharedClasses() {
        return get("java.cls.sharedLoadedClasses");
    }

    /** Wall time the JIT's compiler threads spent compiling, in ms. */
    double jitMillis() {
        return ticksToMillis(get("sun.ci.totalTime"));
    }

    /** Wall time spent loading, linking and initialising classes (the JVM's {@code sun.cls.time}), in ms. */
    double classLoadingMillis() {
        return ticksToMillis(get("sun.cls.time"));
    }

    private double ticksToMillis(long ticks) {
        long frequency = get("sun.os.hrt.frequency");
        return ticks < 0 || frequency <= 0 ? Double.NaN : ticks * 1000.0 / frequency;
    }
}
