package com.jobstatus.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jobstatus.schemas.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import java.util.stream.StreamSupport;

/**
 * One tab of a {@link Chromium}, in a browser context of its own: navigate, run JavaScript, await a condition
 * on the page's state, and read what the browser reported while it ran — console calls, uncaught exceptions,
 * the browser's own log (where it explains a CORS refusal) and every request with how it ended.
 */
final class BrowserPage implements AutoCloseable {

    /** Between two looks at the page while awaiting a condition (each look is one round trip to the browser). */
    private static final Duration POLL_PAUSE = Duration.ofMillis(50);

    /**
     * Something the browser reported about the page.
     *
     * @param kind  {@code console} (the page's console calls), {@code exception} (uncaught, incl. rejected
     *              promises) or {@code log} (the browser's own messages, e.g. a request blocked by CORS policy)
     * @param level {@code error}, {@code warning}, {@code log}, ...
     */
    record Report(String kind, String level, String text) {
        @Override
        public String toString() {
            return kind + " " + level + ": " + text;
        }
    }

    /**
     * A request the page made, as the browser's network layer saw it.
     *
     * @param type      the resource type ({@code Fetch}, {@code Document}, {@code Preflight}, ...)
     * @param status    the HTTP status that came back, or null if no response reached the page
     * @param errorText why the request failed ({@code net::ERR_FAILED}, ...), or null
     * @param corsError the CORS check that failed ({@code MissingAllowOriginHeader}, ...), or null
     */
    record Request(String url, String method, String type, Integer status, String errorText, String corsError) {
        Request withStatus(int newStatus) {
            return new Request(url, method, type, newStatus, errorText, corsError);
        }

        Request withFailure(String newErrorText, String newCorsError) {
            return new Request(url, method, type, status, newErrorText, newCorsError);
        }
    }

    private final DevTools devTools;
    private final String session;
    private final String browserContext;
    private final List<Report> reports = new CopyOnWriteArrayList<>();
    /** By the browser's request id, in the order the requests were made. */
    private final Map<String, Request> requests = new LinkedHashMap<>();
    private volatile CompletableFuture<Void> loaded = new CompletableFuture<>();

    private BrowserPage(DevTools devTools, String session, String browserContext) {
        this.devTools = devTools;
        this.session = session;
        this.browserContext = browserContext;
    }

    static BrowserPage attach(DevTools devTools, String session, String browserContext) {
        BrowserPage page = new BrowserPage(devTools, session, browserContext);
        devTools.listen(session, page::onEvent);
        for (String domain : List.of("Page", "Runtime", "Log", "Network")) {
            page.send(domain + ".enable", null, Chromium.COMMAND_TIMEOUT);
        }
        return page;
    }

    /** Opens the URL and waits for its load event. */
    void navigate(String url) {
        CompletableFuture<Void> load = new CompletableFuture<>();
        loaded = load;
        JsonNode result = send("Page.navigate", Json.MAPPER.createObjectNode().put("url", url), Chromium.COMMAND_TIMEOUT);
        if (result.hasNonNull("errorText")) {
            throw new IllegalStateException("the browser could not open " + url + ": " + result.path("errorText").asText());
        }
        try {
            load.get(Chromium.COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(url + " did not finish loading within " + Chromium.COMMAND_TIMEOUT
                    + "\n" + transcript(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading " + url, e);
        }
    }

    /**
     * The value of a JavaScript expression in the page, a promise awaited, returned as JSON.
     *
     * @return the value ({@code MissingNode} for {@code undefined})
     * @throws IllegalStateException when the expression throws, with the page's error
     */
    JsonNode evaluate(String expression) {
        JsonNode result = send("Runtime.evaluate", Json.MAPPER.createObjectNode()
                .put("expression", expression).put("awaitPromise", true).put("returnByValue", true)
                .put("userGesture", true), Chromium.COMMAND_TIMEOUT);
        if (result.has("exceptionDetails")) {
            JsonNode details = result.path("exceptionDetails");
            throw new IllegalStateException("the page threw on `" + expression + "`: "
                    + details.path("exception").path("description").asText(details.path("text").asText()));
        }
        return result.path("result").path("value");
    }

    /**
     * Looks at the page until the expression is truthy, and returns its value then.
     *
     * @param what what is awaited, for the failure message
     * @throws AssertionError when the deadline passes, with the last value and everything the page reported
     */
    JsonNode await(String expression, Duration timeout, String what) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            JsonNode value = evaluate(expression);
            if (truthy(value)) {
                return value;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(what + ": not within " + timeout + " (`" + expression + "` was " + value + ")\n"
                        + transcript());
            }
            try {
                Thread.sleep(POLL_PAUSE); // between two looks at the page, not a wait for something in particular
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while awaiting " + what, e);
            }
        }
    }

    private static boolean truthy(JsonNode value) {
        return !(value.isMissingNode() || value.isNull() || (value.isBoolean() && !value.asBoolean())
                || (value.isNumber() && value.asDouble() == 0) || (value.isTextual() && value.asText().isEmpty()));
    }

    /** What the browser reported about the page so far, oldest first. */
    List<Report> reports() {
        return List.copyOf(reports);
    }

    /** The requests the page made so far, in order. */
    List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests.values());
        }
    }

    /** Everything reported and requested, one line each: the context a failure message needs. */
    String transcript() {
        List<String> lines = new ArrayList<>();
        lines.add("the page reported:");
        reports().forEach(report -> lines.add("  " + report));
        lines.add("its requests:");
        requests().forEach(request -> lines.add("  " + request));
        return String.join("\n", lines);
    }

    private JsonNode send(String method, ObjectNode params, Duration timeout) {
        return devTools.send(session, method, params, timeout);
    }

    /** On the DevTools socket's thread. */
    private void onEvent(String method, JsonNode params) {
        switch (method) {
            case "Page.loadEventFired" -> loaded.complete(null);
            case "Runtime.consoleAPICalled" -> reports.add(new Report("console", params.path("type").asText(),
                    String.join(" ", StreamSupport.stream(params.path("args").spliterator(), false)
                            .map(BrowserPage::describe).toList())));
            case "Runtime.exceptionThrown" -> {
                JsonNode details = params.path("exceptionDetails");
                reports.add(new Report("exception", "error",
                        details.path("exception").path("description").asText(details.path("text").asText())));
            }
            case "Log.entryAdded" -> {
                JsonNode entry = params.path("entry");
                reports.add(new Report("log", entry.path("level").asText(),
                        entry.path("source").asText() + ": " + entry.path("text").asText()));
            }
            case "Network.requestWillBeSent" -> {
                JsonNode request = params.path("request");
                synchronized (requests) {
                    requests.put(params.path("requestId").asText(), new Request(request.path("url").asText(),
                            request.path("method").asText(), params.path("type").asText(), null, null, null));
                }
            }
            case "Network.responseReceived" -> update(params, request ->
                    request.withStatus(params.path("response").path("status").asInt()));
            case "Network.loadingFailed" -> update(params, request -> request.withFailure(
                    params.path("errorText").asText(null),
                    params.path("corsErrorStatus").path("corsError").asText(null)));
            default -> {
                // the other events of the enabled domains tell these tests nothing
            }
        }
    }

    private void update(JsonNode params, UnaryOperator<Request> change) {
        synchronized (requests) {
            requests.computeIfPresent(params.path("requestId").asText(), (id, request) -> change.apply(request));
        }
    }

    /** A console argument as the console shows it: the value of a primitive, the description of an object. */
    private static String describe(JsonNode argument) {
        if (argument.has("value")) {
            return argument.path("value").asText(argument.path("value").toString());
        }
        return argument.path("description").asText(argument.path("type").asText());
    }

    /** Closes the tab with its browser context. */
    @Override
    public void close() {
        devTools.forget(session);
        devTools.send("Target.disposeBrowserContext",
                Json.MAPPER.createObjectNode().put("browserContextId", browserContext), Chromium.COMMAND_TIMEOUT);
    }
}
