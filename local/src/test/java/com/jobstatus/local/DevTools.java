package com.jobstatus.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jobstatus.schemas.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * The Chrome DevTools Protocol over one WebSocket (the JDK's own client): commands answered by id, and events.
 * Pages are reached through flattened sessions ({@code Target.attachToTarget} with {@code flatten}), so one
 * socket serves the browser and all its pages; a command for a page names its session.
 */
final class DevTools implements AutoCloseable {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    /** Event listeners by session id; the browser's own session is "". */
    private final Map<String, BiConsumer<String, JsonNode>> listeners = new ConcurrentHashMap<>();
    private volatile String closedBecause;
    private WebSocket socket;

    private DevTools(HttpClient http) {
        this.http = http;
    }

    /** Connects to the browser's endpoint ({@code ws://127.0.0.1:PORT/devtools/browser/ID}). */
    static DevTools connect(URI browserEndpoint) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
        DevTools devTools = new DevTools(http);
        try {
            devTools.socket = http.newWebSocketBuilder().connectTimeout(CONNECT_TIMEOUT)
                    .buildAsync(browserEndpoint, devTools.new Listener())
                    .get(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return devTools;
        } catch (ExecutionException | TimeoutException e) {
            http.close();
            throw new IllegalStateException("cannot connect to the browser's DevTools at " + browserEndpoint + ": " + e, e);
        } catch (InterruptedException e) {
            http.close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting to " + browserEndpoint, e);
        }
    }

    /** Sends a command to the browser itself (Target, Browser domains). */
    JsonNode send(String method, ObjectNode params, Duration timeout) {
        return send("", method, params, timeout);
    }

    /**
     * Sends a command and waits for its result.
     *
     * @param sessionId the page session it is for, or "" for the browser
     * @throws IllegalStateException with the protocol's error message, or when no answer comes in time
     */
    JsonNode send(String sessionId, String method, ObjectNode params, Duration timeout) {
        int id = ids.incrementAndGet();
        ObjectNode message = Json.MAPPER.createObjectNode().put("id", id).put("method", method);
        message.set("params", params == null ? Json.MAPPER.createObjectNode() : params);
        if (!sessionId.isEmpty()) {
            message.put("sessionId", sessionId);
        }
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        try {
            if (closedBecause != null) {
                throw new IllegalStateException("DevTools connection closed: " + closedBecause);
            }
            // the JDK's WebSocket allows one outstanding send at a time
            synchronized (this) {
                socket.sendText(message.toString(), true).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            JsonNode response = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (response.has("error")) {
                throw new IllegalStateException(method + " failed: " + response.path("error").path("message").asText()
                        + " " + response.path("error").path("data").asText(""));
            }
            return response.path("result");
        } catch (TimeoutException e) {
            throw new IllegalStateException(method + " got no answer from the browser within " + timeout, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(method + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + method, e);
        } finally {
            pending.remove(id);
        }
    }

    /** Hands every event of the session ("" for the browser) to the listener, on the socket's thread. */
    void listen(String sessionId, BiConsumer<String, JsonNode> listener) {
        listeners.put(sessionId, listener);
    }

    void forget(String sessionId) {
        listeners.remove(sessionId);
    }

    private void dispatch(String text) {
        JsonNode message;
        try {
            message = Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("the browser sent a message that is not JSON: " + text, e);
        }
        if (message.has("id")) {
            CompletableFuture<JsonNode> answer = pending.get(message.path("id").asInt());
            if (answer != null) {
                answer.complete(message);
            }
            return;
        }
        BiConsumer<String, JsonNode> listener = listeners.get(message.path("sessionId").asText(""));
        if (listener != null) {
            listener.accept(message.path("method").asText(), message.path("params"));
        }
    }

    private void closed(String reason) {
        closedBecause = reason;
        IllegalStateException failure = new IllegalStateException("DevTools connection closed: " + reason);
        pending.values().forEach(answer -> answer.completeExceptionally(failure));
    }

    @Override
    public void close() {
        closed("closed by the test");
        if (socket != null) {
            socket.abort();
        }
        http.close();
    }

    private final class Listener implements WebSocket.Listener {

        /** A message may come in parts; the browser's answers to Runtime.evaluate can be large. */
        private final StringBuilder message = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            message.append(data);
            if (last) {
                String text = message.toString();
                message.setLength(0);
                dispatch(text);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed("the browser closed it (" + statusCode + " " + reason + ")");
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed(error.toString());
        }
    }
}
