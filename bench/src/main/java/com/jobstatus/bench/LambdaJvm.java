package com.jobstatus.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * How Lambda's Java runtime starts the JVM of a function, so that the measured JVMs start the same way.
 *
 * <ul>
 *   <li>Tiered compilation stopped at level 1 (C1 only): Lambda's default for the java17 and later runtimes,
 *       <a href="https://docs.aws.amazon.com/lambda/latest/dg/java-customization.html">Customize Java runtime
 *       startup behavior</a>. (For java25 functions with SnapStart or provisioned concurrency that page says
 *       Lambda keeps the JVM's defaults instead; we measure the C1 configuration, which every cold start without
 *       SnapStart gets.)</li>
 *   <li>Serial GC and the heap: Lambda's runtime command line as observed at 256 MB,
 *       {@code -XX:MaxHeapSize=222823k -XX:MaxMetaspaceSize=26214k -XX:ReservedCodeCacheSize=13107k
 *       -XX:+UseSerialGC ... -Djava.net.preferIPv4Stack=true}
 *       (<a href="https://github.com/DataDog/datadog-lambda-extension/pull/117">DataDog/datadog-lambda-extension#117</a>,
 *       a java11 function): the heap is the memory less 10 % for metaspace and 5 % for code, i.e. 85 %.</li>
 * </ul>
 *
 * <p>The metaspace and code-cache caps of that command line are left out: nothing published says the java25
 * runtime still sets them. The report shows the metaspace the functions use next to that old cap instead.
 *
 * <p>{@code -XX:MaxRAM}: a function's execution environment is a microVM of the function's memory size, and the
 * JVM sizes its initial heap from the memory it sees (1/64 of it, 4 MB at 256 MB). On this 24 GiB machine it would
 * start with all of the 218 MB heap instead and never collect during a short run, which says nothing about
 * Lambda's peak RSS. This one is our reading of how Lambda runs the JVM, not a published flag.
 */
final class LambdaJvm {

    /** The functions' memory size in the template (DESIGN.md section 7). */
    static final int MEMORY_MB = 256;
    /** Metaspace cap of the java8/java11 runtimes: 10 % of the function's memory. */
    static final double OLD_METASPACE_CAP_MIB = MEMORY_MB / 10.0;

    /** The RIC's entry point, as Lambda's java runtimes start it. */
    static final String RIC_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

    /**
     * What Lambda's runtime adds for its Runtime Interface Client, as its command line shows it (java17, reported
     * by users who wrapped it, 2023 and 2024): {@code --add-opens=java.base/java.io=ALL-UNNAMED}, the RIC's
     * own SnapStart hooks as the {@code org.crac} implementation ({@code -Dorg.crac.Core.Compat}: a function's
     * {@code org.crac} registrations go to the RIC, which runs them before the snapshot), errors to standard
     * error, and the RIC's native Runtime API client from a file rather than unpacked from its jar at each start.
     * Not copied: its Log4j hot-patch agent and its own class-data-sharing archive of the runtime
     * ({@code -Xshare:on -XX:SharedArchiveFile=/var/lang/lib/server/runtime.jsa}); here the JDK's default archive
     * is used ({@code -Xshare:auto}), so the RIC's own classes load from its jar. Added:
     * {@code --enable-native-access=ALL-UNNAMED}, without which JDK 24 and later print a four-line warning at
     * every start when the RIC loads its native client.
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
