package com.jobstatus.local;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A WebSocket client as a frontend uses one (the JDK's): connects with {@code ?token=}, keeps every message in order
 * with the time it arrived. For the push tests and {@code bench/push}.
 */
final class WsClient implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** What a connection attempt got: a client, or the HTTP status the upgrade was refused with. */
    record Attempt(WsClient client, int refusedWith) {
    }

    /** A message and when it arrived ({@link System#nanoTime}). */
    record Message(String text, long nanos) {
    }

    private final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private WebSocket socket;

    private WsClient() {
    }

    /** @param token null for none; @param origin null for a client outside a browser */
    static Attempt connect(String url, String token, String origin) throws InterruptedException {
        WsClient client = new WsClient();
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(20));
        if (origin != null) {
            builder.header("Origin", origin);
        }
        String target = token == null ? url : url + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        try {
            client.socket = builder.buildAsync(URI.create(target), client.listener()).get(30, TimeUnit.SECONDS);
            return new Attempt(client, 0);
        } catch (ExecutionException | CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return new Attempt(null, refused.getResponse().statusCode());
            }
            throw new IllegalStateException("cannot connect to " + url + ": " + e.getCause(), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("no answer from " + url, e);
        }
    }

    private WebSocket.Listener listener() {
        return new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    messages.add(new Message(partial.toString(), System.nanoTime()));
                    partial.setLength(0);
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closed.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                closed.complete(-1);
            }
        };
    }

    /** Every message until (and with) the first one that matches, in order; fails after the timeout. */
    List<String> awaitMessage(Predicate<String> until, Duration timeout) throws InterruptedException {
        next(until, timeout);
        return List.copyOf(seen);
    }

    /** The first message from now on that matches, with its arrival time; fails after the timeout. */
    Message next(Predicate<String> until, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Message next = messages.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (next == null) {
                throw new IllegalStateException("no matching message within " + timeout + "; got " + seen);
            }
            seen.add(next.text());
            if (until.test(next.text())) {
                return next;
            }
        }
    }

    void send(String text) {
        socket.sendText(text, true).join();
    }

    @Override
    public void close() {
        if (socket != null && !socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
        }
    }
}
