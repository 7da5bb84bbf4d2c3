package com.jobstatus.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * How Lambda's Java runtime starts a function's JVM, so that the measured JVMs start the same way: C1 only, the
 * serial GC, 85 % of the memory as heap, the memory the JVM sees capped at the function's. Where each flag comes
 * from, and what is left out, is in BENCHMARKS.md ("JVM flags").
 */
final class LambdaJvm {

    /** The functions' memory size in the template (docs/DESIGN.md §7). */
    static final int MEMORY_MB = 256;
    /** Metaspace cap of the java8/java11 runtimes: 10 % of the function's memory. */
    static final double OLD_METASPACE_CAP_MIB = MEMORY_MB / 10.0;

    /** The RIC's entry point, as Lambda's java runtimes start it. */
    static final String RIC_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

    /**
     * What Lambda's runtime command line adds for its Runtime Interface Client (the RIC's SnapStart hooks as the
     * {@code org.crac} implementation, its native Runtime API client from a file), and the native-access flag JDK 24
     * and later want: BENCHMARKS.md ("JVM flags") says where each comes from.
     */
    static List<String> runtimeClientFlags(Path nativeClientLibrary) {
        return List.of(
                "--add-opens=java.base/java.io=ALL-UNNAMED",
                "--enable-native-access=ALL-UNNAMED",
                "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac",
                "-XX:+ErrorFileToStderr",
                "-Dcom.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI=" + nativeClientLibrary);
    }

    private LambdaJvm() {
    }

    static List<String> flags(int memoryMb) {
        long memoryKib = memoryMb * 1024L;
        return List.of(
                "-XX:MaxRAM=" + memoryMb + "m",
                "-XX:MaxHeapSize=" + (memoryKib - memoryKib / 10 - memoryKib / 20) + "k",
                "-XX:+UseSerialGC",
                "-XX:+TieredCompilation",
                "-XX:TieredStopAtLevel=1",
                "-Djava.net.preferIPv4Stack=true");
    }
}
