package com.jobstatus.local;

import com.jobstatus.localaws.MotoServer;
import com.jobstatus.schemas.EventJson;
import com.jobstatus.schemas.JobStatus;
import com.jobstatus.schemas.Timestamps;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/**
 * {@code bench/push}: the latency from {@code PutEvents} to the message at a WebSocket client on the local stack,
 * over the whole path (bus, rule, queue, ProjectorFn, the Jobs table, its stream, PushFn, {@code @connections}).
 * One change at a time, each timed from just before PutEvents to the arrival of its message; the figures go to
 * BENCHMARKS.md between its {@code push:} markers.
 */
public final class PushLatencyBench {

    static final String BEGIN = "<!-- push:begin: written by bench/push, edits between these markers are overwritten -->";
    static final String END = "<!-- push:end -->";
    private static final Duration AWAIT = Duration.ofSeconds(30);

    private PushLatencyBench() {
    }

    public static void main(String[] args) throws Exception {
        int changes = 200;
        int warmup = 20;
        Path out = Path.of("BENCHMARKS.md");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--changes" -> changes = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: bench/push [--changes N] [--warmup N] [--out FILE]");
                    System.exit(2);
                }
            }
        }
        Path dir = Files.createTempDirectory("bench-push");
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        try (LocalStack stack = LocalStack.start(new LocalConfig(MotoServer.freePort(), MotoServer.freePort(),
                "us-east-1", Map.of(), dir.resolve("stack.json"), dir, false, LocalConfig.DEFAULT_DEMO_STEP), quiet)) {
            LocalAws.User user = stack.info().users().getFirst();
            String token = stack.aws().cognito.initiateAuth(b -> b.clientId(stack.info().userPoolClientId())
                    .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                    .authParameters(Map.of("USERNAME", user.username(), "PASSWORD", user.password())))
                    .authenticationResult().idToken();
            WsClient.Attempt attempt = WsClient.connect(stack.info().webSocketUrl(), token, null);
            if (attempt.client() == null) {
                throw new IllegalStateException("the WebSocket API refused the connection: " + attempt.refusedWith());
            }
            WsClient client = attempt.client();
            String job = "bench-push-" + System.nanoTime();
            Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            List<Double> millis = new ArrayList<>();
            for (int i = 0; i < warmup + changes; i++) {
                // one job moving forward: each event a new stored state, hence one message
                String marker = "\"progress\":" + (i % 100);
                double latency = change(stack, user.sub(), job, start.plusMillis(i), i % 100, marker, client);
                if (i >= warmup) {
                    millis.add(latency);
                }
            }
            client.close();
            String table = table(millis, warmup);
            System.out.println(table);
            write(out, table);
            System.out.println("written to " + out);
        }
        System.exit(0);
    }

    private static double change(LocalStack stack, String userId, String job, Instant occurredAt, int progress,
                                 String marker, WsClient client) throws InterruptedException {
        StackInfo info = stack.info();
        String detail = EventJson.detail(job, userId, JobStatus.PROCESSING, occurredAt, progress, null).toString();
        long sent = System.nanoTime();
        PutEventsResponse response = stack.aws().events.putEvents(b -> b.entries(e -> e.eventBusName(info.eventBusName())
                .source(info.eventSource()).detailType(info.detailType()).detail(detail)));
        if (response.failedEntryCount() != 0) {
            throw new IllegalStateException("PutEvents refused the event: " + response.entries());
        }
        String updatedAt = "\"updatedAt\":\"" + Timestamps.format(occurredAt) + "\"";
        WsClient.Message message = client.next(m -> m.contains(marker) && m.contains(updatedAt), AWAIT);
        return (message.nanos() - sent) / 1e6;
    }

    static String table(List<Double> millis, int warmup) {
        double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return String.format(Locale.ROOT, """
                %s
                Measured %s with `bench/push` (%d changes after %d of warm-up, one at a time): from just before
                `PutEvents` to the message at a WebSocket client (the JDK's) on the local stack.

                | changes | p50 | p95 | p99 | max | mean |
                |---:|---:|---:|---:|---:|---:|
                | %d | %.0f ms | %.0f ms | %.0f ms | %.0f ms | %.0f ms |
                %s""", BEGIN, Instant.now().truncatedTo(ChronoUnit.MINUTES), sorted.length, warmup, sorted.length,
                percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99), sorted[sorted.length - 1],
                Arrays.stream(sorted).average().orElse(0), END);
    }

    private static double percentile(double[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static void write(Path file, String table) throws IOException {
        String text = Files.exists(file) ? Files.readString(file) : "";
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        String updated = begin >= 0 && end > begin
                ? text.substring(0, begin) + table.strip() + text.substring(end + END.length())
                : text + (text.endsWith("\n") ? "\n" : "\n\n") + table.strip() + "\n";
        Files.writeString(file, updated);
    }
}
