package com.jobstatus.bench;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.jobstatus.localaws.Checkout;
import com.jobstatus.localaws.LocalLambdaContext;
import com.jobstatus.runtime.Telemetry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * What the functions' logging and metrics cost per request by themselves (issue #15, lever 4), in a fresh JVM with
 * Lambda's flags, without the SDK, the RIC and the network around them, whose noise hides a tenth of a millisecond
 * in a whole request: each operation is what GetJobFn does per request besides its own work, run {@code n} times,
 * with the process's CPU (every thread, JIT included) averaged over operations 2–1,001 and over the last 1,000.
 *
 * <ul>
 *   <li>{@code context}: Powertools' {@code withLogging} around nothing (the request's logging context: MDC set
 *       and cleared, cold-start flag, log buffer).</li>
 *   <li>{@code log}: the same with the request's one log line inside, the fields GetJobFn logs.</li>
 *   <li>{@code metrics}: GetJobFn's four metrics and one EMF line flushed.</li>
 *   <li>{@code all}: the request's logging context, line and metrics together.</li>
 * </ul>
 *
 * <p>Run with {@code bench/telemetry-cost MODE [N] [JVM flag...]}; the log and EMF lines go to a file in
 * {@code bench/target} (on Lambda they go to its log pipe), the figures to standard error.
 */
public final class TelemetryCost {

    private static final Logger LOG = LoggerFactory.getLogger("com.jobstatus.reader.GetJobHandler");
    private static final String IN_PROCESS = "--in-process";

    private TelemetryCost() {
    }

    /**
     * {@code MODE [N] [JVM flag...]}: runs the measurement in a fresh JVM with Lambda's flags at 256 MB (and the
     * given ones), the environment a function has, its standard output to {@code bench/target}.
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length > 0 && args[0].equals(IN_PROCESS)) {
            measure(args[1], Integer.parseInt(args[2]));
            return;
        }
        String mode = args.length > 0 ? args[0] : "all";
        String n = args.length > 1 ? args[1] : "5000";
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(LambdaJvm.flags(LambdaJvm.MEMORY_MB));
        command.addAll(Arrays.asList(args).subList(Math.min(2, args.length), args.length));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), TelemetryCost.class.getName(), IN_PROCESS,
                mode, n));
        Path out = Checkout.root().resolve("bench/target/telemetry-cost-" + mode + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("TZ", ":UTC");
        env.put("AWS_REGION", Workload.REGION);
        env.put("AWS_LAMBDA_FUNCTION_NAME", "GetJobFn-bench");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(LambdaJvm.MEMORY_MB));
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/GetJobFn-bench");
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "2026/01/01/[$LATEST]bench");
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java25");
        env.put("_X_AMZN_TRACE_ID", "Root=1-67891233-abcdef012345678912345678;Parent=1;Sampled=0");
        env.put("POWERTOOLS_SERVICE_NAME", "job-status-reader");
        System.exit(builder.start().waitFor());
    }

    private static void measure(String mode, int n) {
        LocalLambdaContext[] contexts = new LocalLambdaContext[n];
        for (int i = 0; i < n; i++) {
            contexts[i] = new LocalLambdaContext("GetJobFn-bench", UUID.randomUUID().toString());
        }
        Metrics metrics = Telemetry.metrics("job-status-reader", "bench");
        IntConsumer operation = switch (mode) {
            case "context" -> i -> PowertoolsLogging.withLogging(contexts[i], () -> null);
            case "log" -> i -> PowertoolsLogging.withLogging(contexts[i], () -> {
                logRequest(i);
                return null;
            });
            case "metrics" -> i -> request(metrics, i);
            case "all" -> i -> PowertoolsLogging.withLogging(contexts[i], () -> {
                request(metrics, i);
                logRequest(i);
                return null;
            });
            default -> throw new IllegalArgumentException("modes: context, log, metrics, all");
        };

        // the process's CPU, JIT threads included, read only at the windows' edges: reading it costs CPU too
        int[] edges = {0, 1, Math.min(1001, n), Math.max(1, n - 1000), n};
        long[] cpu = new long[edges.length];
        ProcessTree self = new ProcessTree(ProcessHandle.current().pid());
        int next = 0;
        for (int i = 0; i <= n; i++) {
            while (next < edges.length && edges[next] == i) {
                cpu[next++] = self.cpu().total();
            }
            if (i < n) {
                operation.accept(i);
            }
        }
        System.err.printf(Locale.ROOT, "%s: first operation %.2f ms; per operation: 2–%,d %.1f µs, %,d–%,d %.1f µs%n",
                mode, (cpu[1] - cpu[0]) / 1e6, edges[2], (cpu[2] - cpu[1]) / 1e3 / (edges[2] - edges[1]),
                edges[3] + 1, n, (cpu[4] - cpu[3]) / 1e3 / (edges[4] - edges[3]));
    }

    /** GetJobFn's metrics of one request (ReaderMetrics): latency, the request and its error counts, one flush. */
    private static void request(Metrics metrics, int i) {
        metrics.addMetric("Latency", 3.5 + (i % 7), MetricUnit.MILLISECONDS);
        metrics.addMetric("Requests", 1, MetricUnit.COUNT);
        metrics.addMetric("ServerErrors", 0, MetricUnit.COUNT);
        metrics.addMetric("ClientErrors", 0, MetricUnit.COUNT);
        metrics.flush();
    }

    /** GetJobFn's line of one request (GetJobHandler.log). */
    private static void logRequest(int i) {
        LOG.info("request", entry("route", "GET /v1/jobs/{id}"), entry("statusCode", 200),
                entry("latencyMs", Math.round((3.5 + (i % 7)) * 10) / 10.0), entry("jobId", "job-bench-read-1"),
                entry("outcome", "OK"), entry("apiRequestId", "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"));
    }

    private static double micros(long[] cpu, int from, int to) {
        return (cpu[to] - cpu[from]) / 1e3 / (to - from);
    }
}
