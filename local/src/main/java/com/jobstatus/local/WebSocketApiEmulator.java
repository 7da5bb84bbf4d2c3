package com.jobstatus.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jobstatus.schemas.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * API Gateway's WebSocket API on a loopback port, with the template's routes: {@code ws://127.0.0.1:port/{stage}}
 * runs the {@code $connect} route's REQUEST authorizer (the real WsAuthorizerFn) and integration (the real
 * ConnectionsFn) with API Gateway's events before it accepts an upgrade, and {@code $disconnect} after a close;
 * client messages go to {@code $default} (a mock: ignored). On the same port, as on AWS, the stage's
 * {@code @connections} management API ({@code POST}, {@code GET}, {@code DELETE /{stage}/@connections/{id}})
 * that PushFn calls through the AWS SDK: 410 Gone for a connection that is not open.
 *
 * <p>Jetty rather than a smaller WebSocket library: a refused upgrade must answer with API Gateway's status (401,
 * 403) and body, and the management API must share the port; both need a full HTTP server.
 */
final class WebSocketApiEmulator implements AutoCloseable {

    /** API Gateway's limits: a message to a connection, a connection's idle time and its whole life. */
    static final int MAX_POST_BYTES = 128 * 1024;
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(10);
    static final Duration MAX_CONNECTION = Duration.ofHours(2);
    static final String API_ID = "local";

    /** An open connection. */
    private record Live(Session session, WebSocketEvents.Handshake handshake, JsonNode authorizerContext,
                        Instant connectedAt) {
    }

    private final Map<String, LocalTemplate.WebSocketRoute> routes;
    private final Map<String, LocalFunction> functions;
    private final String stage;
    private final String region;
    private final Clock clock;
    private final PrintStream log;
    private final Map<String, Live> open = new ConcurrentHashMap<>();
    private final Queue<CompletableFuture<String>> waiting = new ConcurrentLinkedQueue<>();
    private final Queue<CompletableFuture<String>> waitingForDisconnect = new ConcurrentLinkedQueue<>();
    private final SecureRandom random = new SecureRandom();
    private final ScheduledExecutorService lifetimes = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("ws-lifetimes").daemon().factory());
    private Server server;

    private WebSocketApiEmulator(Map<String, LocalTemplate.WebSocketRoute> routes, Map<String, LocalFunction> functions,
                                 String stage, String region, Clock clock, PrintStream log) {
        this.routes = Map.copyOf(routes);
        this.functions = Map.copyOf(functions);
        this.stage = stage;
        this.region = region;
        this.clock = clock;
        this.log = log;
    }

    /**
     * Serves on {@code 127.0.0.1:port} (0: any free port) until closed.
     *
     * @throws PortInUseException when the port is taken
     */
    static WebSocketApiEmulator start(int port, Map<String, LocalTemplate.WebSocketRoute> routes,
                                      Map<String, LocalFunction> functions, String stage, String region, Clock clock,
                                      PrintStream log) {
        for (LocalTemplate.WebSocketRoute route : routes.values()) {
            for (String function : new String[] {route.functionLogicalId(), route.authorizerFunction()}) {
                if (function != null && !functions.containsKey(function)) {
                    throw new IllegalArgumentException("no local function for " + function);
                }
            }
        }
        if (!routes.containsKey("$connect")) {
            throw new IllegalArgumentException("template.yaml: the WebSocket API has no $connect route");
        }
        WebSocketApiEmulator api = new WebSocketApiEmulator(routes, functions, stage, region, clock, log);
        api.serve(port);
        return api;
    }

    private void serve(int port) {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        WebSocketUpgradeHandler upgrades = WebSocketUpgradeHandler.from(server, container -> {
            container.setIdleTimeout(IDLE_TIMEOUT);
            container.addMapping("/" + stage, this::connect);
        });
        upgrades.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                connectionsApi(request, response, callback);
                return true;
            }
        });
        server.setHandler(upgrades);
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly();
            if (e instanceof IOException && e.getCause() instanceof BindException || e instanceof BindException) {
                throw new PortInUseException(port, e);
            }
            throw new IllegalStateException("cannot start the local WebSocket API: " + e.getMessage(), e);
        }
    }

    int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    /** {@code ws://127.0.0.1:port/{stage}}, where a client connects (with {@code ?token=}). */
    URI url() {
        return URI.create("ws://127.0.0.1:" + port() + "/" + stage);
    }

    /** {@code http://127.0.0.1:port/{stage}}: the management endpoint PushFn's SDK client is pointed at. */
    URI managementEndpoint() {
        return URI.create("http://127.0.0.1:" + port() + "/" + stage);
    }

    /** How many connections are open: for tests. */
    int openConnections() {
        return open.size();
    }

    /** Completes with the id of the next connection whose {@code $disconnect} has run: for tests. */
    CompletableFuture<String> nextDisconnect() {
        CompletableFuture<String> next = new CompletableFuture<>();
        waitingForDisconnect.add(next);
        return next;
    }

    /** Completes with the id of the next connection that opens: for tests that act once a client is connected. */
    CompletableFuture<String> nextConnection() {
        CompletableFuture<String> next = new CompletableFuture<>();
        waiting.add(next);
        return next;
    }

    // ------------------------------------------------------------------ $connect, messages, $disconnect

    private Object connect(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
        Instant now = clock.instant();
        WebSocketEvents.Handshake call = new WebSocketEvents.Handshake(newConnectionId(), newConnectionId(),
                headers(request), query(request), Request.getRemoteAddr(request), now,
                request.getHttpURI().getAuthority());
        LocalTemplate.WebSocketRoute route = routes.get("$connect");
        JsonNode authorizerAnswer = null;
        long authorizerMillis = 0;
        if (route.authorizerFunction() != null) {
            List<String> identity = call.query().get(route.identityQueryParameter());
            if (identity == null || identity.getLast().isEmpty()) {
                // API Gateway's own answer: the identity source is missing, the authorizer is not invoked
                return refuse(response, callback, 401, "Unauthorized");
            }
            long started = System.nanoTime();
            try {
                authorizerAnswer = invoke(route.authorizerFunction(), WebSocketEvents.authorizer(call, "$connect", stage,
                        API_ID, region, RestApiEvents.ACCOUNT_ID, now));
            } catch (RuntimeException e) {
                log.println("WebSocket API: the authorizer failed on $connect: " + e);
                return refuse(response, callback, 500, "Internal server error");
            }
            authorizerMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            if (!"Allow".equals(authorizerAnswer.path("policyDocument").path("Statement").path(0).path("Effect").asText())) {
                return refuse(response, callback, 403, "Forbidden");
            }
        }
        if (route.functionLogicalId() != null) {
            int status;
            try {
                status = invoke(route.functionLogicalId(), WebSocketEvents.connect(call, stage, API_ID, authorizerAnswer,
                        authorizerMillis, now)).path("statusCode").asInt(200);
            } catch (RuntimeException e) {
                log.println("WebSocket API: " + functions.get(route.functionLogicalId()).name() + " failed on $connect: " + e);
                return refuse(response, callback, 500, "Internal server error");
            }
            if (status < 200 || status > 299) {
                return refuse(response, callback, status, null);
            }
        }
        JsonNode context = authorizerAnswer == null ? null : ((ObjectNode) Json.MAPPER.createObjectNode()
                .put("principalId", authorizerAnswer.path("principalId").asText()))
                .setAll((ObjectNode) authorizerAnswer.path("context").deepCopy());
        return endpoint(call, context);
    }

    private Object refuse(ServerUpgradeResponse response, Callback callback, int status, String message) {
        response.setStatus(status);
        response.getHeaders().put("Content-Type", "application/json");
        String body = message == null ? "" : Json.MAPPER.createObjectNode().put("message", message).toString();
        Content.Sink.write(response, true, body, callback);
        return null;
    }

    /** One connection's server side: registered while open; $disconnect invoked after it closes. */
    private WebSocketEndpoint endpoint(WebSocketEvents.Handshake call, JsonNode authorizerContext) {
        return new WebSocketEndpoint(session -> opened(session, call, authorizerContext),
                (statusCode, reason) -> closed(call, authorizerContext, statusCode, reason));
    }

    private void opened(Session session, WebSocketEvents.Handshake call, JsonNode authorizerContext) {
        open.put(call.connectionId(), new Live(session, call, authorizerContext, clock.instant()));
        lifetimes.schedule(() -> session.close(StatusCode.SHUTDOWN, "Going away",
                org.eclipse.jetty.websocket.api.Callback.NOOP), MAX_CONNECTION.toMillis(), TimeUnit.MILLISECONDS);
        for (CompletableFuture<String> next; (next = waiting.poll()) != null; ) {
            next.complete(call.connectionId());
        }
    }

    private void closed(WebSocketEvents.Handshake call, JsonNode authorizerContext, int statusCode, String reason) {
        if (open.remove(call.connectionId()) == null) {
            return;
        }
        LocalTemplate.WebSocketRoute route = routes.get("$disconnect");
        if (route == null || route.functionLogicalId() == null) {
            return;
        }
        // API Gateway calls $disconnect after the fact, on its own: nobody waits for it
        Thread.ofVirtual().name("ws-disconnect").start(() -> {
            try {
                invoke(route.functionLogicalId(), WebSocketEvents.disconnect(call, stage, API_ID, authorizerContext,
                        statusCode, reason, clock.instant()));
            } catch (RuntimeException e) {
                log.println("WebSocket API: " + functions.get(route.functionLogicalId()).name()
                        + " failed on $disconnect: " + e);
            }
            for (CompletableFuture<String> next; (next = waitingForDisconnect.poll()) != null; ) {
                next.complete(call.connectionId());
            }
        });
    }

    // ------------------------------------------------------------------ @connections

    private void connectionsApi(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        String prefix = "/" + stage + "/@connections/";
        if (!path.startsWith(prefix) || path.length() == prefix.length()) {
            answer(response, callback, 403, "MissingAuthenticationTokenException", "Missing Authentication Token");
            return;
        }
        String authorization = request.getHeaders().get("Authorization");
        if (authorization == null || !authorization.startsWith("AWS4-HMAC-SHA256 ")
                || !authorization.contains("/execute-api/aws4_request")) {
            // the management API only takes requests signed for execute-api, as the SDK signs them
            answer(response, callback, 403, "ForbiddenException", "Missing Authentication Token");
            return;
        }
        String connectionId = URLDecoder.decode(path.substring(prefix.length()), StandardCharsets.UTF_8);
        Live live = open.get(connectionId);
        if (live == null || !live.session().isOpen()) {
            answer(response, callback, 410, "GoneException", null);
            return;
        }
        switch (request.getMethod()) {
            case "POST" -> post(request, response, callback, live);
            case "GET" -> {
                ObjectNode info = Json.MAPPER.createObjectNode()
                        .put("connectedAt", live.connectedAt().toString())
                        .put("lastActiveAt", clock.instant().toString());
                info.putObject("identity").put("sourceIp", live.handshake().sourceIp());
                response.setStatus(200);
                response.getHeaders().put("Content-Type", "application/json");
                Content.Sink.write(response, true, info.toString(), callback);
            }
            case "DELETE" -> {
                live.session().close(StatusCode.NORMAL, "", org.eclipse.jetty.websocket.api.Callback.NOOP);
                response.setStatus(204);
                callback.succeeded();
            }
            default -> answer(response, callback, 403, "MissingAuthenticationTokenException", "Missing Authentication Token");
        }
    }

    private void post(Request request, Response response, Callback callback, Live live) {
        byte[] body;
        try {
            body = Content.Source.asInputStream(request).readNBytes(MAX_POST_BYTES + 1);
        } catch (IOException e) {
            answer(response, callback, 400, "BadRequestException", "cannot read the body");
            return;
        }
        if (body.length > MAX_POST_BYTES) {
            answer(response, callback, 413, "PayloadTooLargeException", "Message too long");
            return;
        }
        var sent = new org.eclipse.jetty.websocket.api.Callback.Completable();
        // one message at a time per connection, in the order the posts are taken, as API Gateway delivers them
        synchronized (live) {
            live.session().sendText(new String(body, StandardCharsets.UTF_8), sent);
            try {
                sent.get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                answer(response, callback, 410, "GoneException", null);
                return;
            }
        }
        response.setStatus(200);
        callback.succeeded();
    }

    private static void answer(Response response, Callback callback, int status, String errorType, String message) {
        response.setStatus(status);
        response.getHeaders().put("Content-Type", "application/json");
        response.getHeaders().put("x-amzn-ErrorType", errorType);
        Content.Sink.write(response, true, Json.MAPPER.createObjectNode().put("message", message).toString(), callback);
    }

    // ------------------------------------------------------------------ helpers

    private JsonNode invoke(String logicalId, ObjectNode event) {
        LocalFunction function = functions.get(logicalId);
        try {
            return Json.MAPPER.readTree(function.invoke(event.toString()));
        } catch (IOException e) {
            throw new IllegalStateException(function.name() + " failed: " + e.getMessage(), e);
        }
    }

    /** Like API Gateway's: 16 characters ending in '=' (URL-safe ones: the id goes into the management API's path). */
    private String newConnectionId() {
        byte[] bytes = new byte[11];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().encodeToString(bytes).substring(0, 15) + "=";
    }

    private static Map<String, List<String>> headers(Request request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.computeIfAbsent(field.getName(), name -> new ArrayList<>()).add(field.getValue());
        }
        return headers;
    }

    private static Map<String, List<String>> query(Request request) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (Fields.Field field : Request.extractQueryParameters(request)) {
            query.put(field.getName(), List.copyOf(field.getValues()));
        }
        return query;
    }

    @Override
    public void close() {
        for (Live live : open.values()) {
            live.session().close(StatusCode.SHUTDOWN, "Going away", org.eclipse.jetty.websocket.api.Callback.NOOP);
        }
        lifetimes.shutdownNow();
        stopQuietly();
    }

    private void stopQuietly() {
        try {
            server.stop();
        } catch (Exception e) {
            log.println("while stopping the local WebSocket API: " + e);
        }
    }
}
