package com.jobstatus.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * Lambda's Runtime API (version 2018-06-01) on loopback, for one execution environment: it hands the runtime in the
 * measured process (AWS's Java Runtime Interface Client, or the Python peers' bootstrap) one event per
 * {@code GET /2018-06-01/runtime/invocation/next}, takes its answers, and reads the process's CPU from
 * {@code /proc} each time the runtime asks for the next event, when the runtime is blocked waiting and its
 * previous request is complete.
 *
 * <ul>
 *   <li>{@code GET /runtime/invocation/next}: the next event, with Lambda's headers (request id, deadline,
 *       function ARN, trace id). The first call ends INIT; call {@code i + 1} ends request {@code i}. The call
 *       after the last event is left unanswered: the run is complete and the process is ended.</li>
 *   <li>{@code POST /runtime/invocation/{id}/response}: the answer, checked against what the column expects.</li>
 *   <li>{@code POST /runtime/invocation/{id}/error}, {@code /runtime/init/error}, {@code /runtime/restore/error}:
 *       the run fails with the error the runtime reported.</li>
 *   <li>{@code GET /runtime/restore/next}: the SnapStart snapshot point (the RIC calls it after the
 *       {@code beforeCheckpoint} hooks when {@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start}): INIT ends there,
 *       and the process carries on as a restored one would.</li>
 * </ul>
 */
final class RuntimeApi implements AutoCloseable {

    private static final String PREFIX = "/2018-06-01/runtime/";

    /** What the API saw of one process: a CPU reading at each point, the JVM's counters at a few. */
    static final class Marks {
        /** CPU when the runtime asked for event {@code i} (0: end of INIT; {@code i}: end of request {@code i}). */
        final ProcessTree.Cpu[] atNext;
        /** CPU at the snapshot point, or null without SnapStart. */
        ProcessTree.Cpu atSnapshot;
        /** The JVM's counters at the snapshot point, at the first request for an event, after the first request, at the end. */
        PerfData perfAtSnapshot;
        PerfData perfAtInit;
        PerfData perfAfterFirst;
        PerfData perfAtEnd;
        long peakRssKib;
        long tickCpuMillis;
        long initWallNanos;
        /** The machine's 1-minute load average as the process started. */
        double loadAtStart;

        Marks(int requests) {
            atNext = new ProcessTree.Cpu[requests + 1];
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<byte[]> events;
    private final Predicate<String> expected;
    private final String functionArn;
    private final Marks marks;
    private final CompletableFuture<Marks> done = new CompletableFuture<>();
    private final CountDownLatch attached = new CountDownLatch(1);
    private volatile ProcessTree tree;
    private volatile long pid;
    private volatile long startNanos;
    private int served;
    private int answered;

    /**
     * @param events   the events, in order: one per request
     * @param expected whether an answer is the one the request should get; a wrong answer fails the run
     */
    RuntimeApi(List<byte[]> events, Predicate<String> expected, String functionArn) throws IOException {
        this.events = List.copyOf(events);
        this.expected = expected;
        this.functionArn = functionArn;
        this.marks = new Marks(events.size());
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.setExecutor(executor);
        server.createContext(PREFIX, this::handle);
        server.start();
    }

    /** The {@code AWS_LAMBDA_RUNTIME_API} value: host and port. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** The process to measure, started with {@link #address()} after {@code startNanos}; calls wait for it. */
    void attach(long processId, long processStartNanos) {
        pid = processId;
        startNanos = processStartNanos;
        tree = new ProcessTree(processId);
        attached.countDown();
    }

    /** Completes when the last event is answered, or fails with what went wrong. */
    CompletableFuture<Marks> completion() {
        return done;
    }

    /** Fails the run from outside (the process exited, or took too long). */
    void fail(String why) {
        done.completeExceptionally(new IllegalStateException(why));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            attached.await();
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            String method = exchange.getRequestMethod();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            if (method.equals("GET") && path.equals("invocation/next")) {
                next(exchange);
            } else if (method.equals("POST") && path.startsWith("invocation/") && path.endsWith("/response")) {
                response(exchange, new String(body, StandardCharsets.UTF_8));
            } else if (method.equals("GET") && path.equals("restore/next")) {
                synchronized (this) {
                    marks.atSnapshot = tree.cpu();
                    marks.perfAtSnapshot = PerfData.of(pid);
                }
                send(exchange, 200, new byte[0]);
            } else if (method.equals("POST") && path.endsWith("/error")) {
                send(exchange, 202, "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8));
                fail("the runtime reported an error at " + path + " ("
                        + exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type") + "): "
                        + new String(body, StandardCharsets.UTF_8));
            } else {
                send(exchange, 404, "{\"errorMessage\":\"not found\"}".getBytes(StandardCharsets.UTF_8));
                fail("the runtime called " + method + " " + exchange.getRequestURI() + ", which this API does not serve");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        int index;
        synchronized (this) {
            index = served;
            if (index != answered) {
                fail("the runtime asked for event " + (index + 1) + " before answering event " + index);
                return;
            }
            marks.atNext[index] = tree.cpu();
            if (index == 0) {
                marks.initWallNanos = System.nanoTime() - startNanos;
                marks.perfAtInit = PerfData.of(pid);
            } else if (index == 1) {
                marks.perfAfterFirst = PerfData.of(pid);
            }
            if (index == events.size()) {
                marks.perfAtEnd = PerfData.of(pid);
                marks.peakRssKib = tree.peakRssKib();
                marks.tickCpuMillis = tree.tickCpuMillis();
                // left unanswered: the process is ended now, as Lambda freezes or ends an idle environment
                done.complete(marks);
                return;
            }
            served++;
        }
        String requestId = UUID.randomUUID().toString();
        exchange.getResponseHeaders().set("Lambda-Runtime-Aws-Request-Id", requestId);
        exchange.getResponseHeaders().set("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 30_000));
        exchange.getResponseHeaders().set("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        exchange.getResponseHeaders().set("Lambda-Runtime-Trace-Id", String.format(Locale.ROOT,
                "Root=1-%08x-%024x;Parent=%016x;Sampled=0", System.currentTimeMillis() / 1000, index, index));
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        send(exchange, 200, events.get(index));
    }

    private void response(HttpExchange exchange, String body) throws IOException {
        synchronized (this) {
            answered++;
            if (answered != served) {
                fail("an answer to an event that was not handed out (" + answered + " answers, " + served + " events)");
            } else if (!expected.test(body)) {
                fail("request " + answered + " got a wrong answer, so the run measured the wrong path: " + body);
            }
        }
        send(exchange, 202, "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
