package com.jobstatus.bench;

import java.util.List;

/**
 * How Lambda's Java runtime starts the JVM of a function, so that probe JVMs start the same way.
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
