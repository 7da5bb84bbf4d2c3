package com.jobstatus.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.jobstatus.testing.TestContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * API Gateway (REST API, Lambda proxy integrations) on a loopback port: the template's routes, the Cognito
 * authorizer in front of the methods that declare it, API Gateway's own answers (403 "Missing Authentication
 * Token" for a route it does not have, 401 from the authorizer, 502 when the function fails) and the real
 * function behind each route. The URL has no stage prefix, as behind a custom domain mapped to the stage.
 */
final class ApiGatewayEmulator implements AutoCloseable {

    /** A function behind the API, as API Gateway invokes it. */
    record Function(String name, RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> handler) {
    }

    /** What API Gateway puts in {@code x-amzn-ErrorType} for each of its own answers. */
    private static final Map<String, String> ERROR_TYPES = Map.of(
            "UNAUTHORIZED", "UnauthorizedException",
            "MISSING_AUTHENTICATION_TOKEN", "MissingAuthenticationTokenException",
            "DEFAULT_5XX", "InternalServerErrorException");

    private final List<Route> routes;
    private final Map<String, Function> functions;
    private final CognitoAuthorizer authorizer;
    private final UnaryOperator<GatewayResponse> gatewayResponses;
    private final String stage;
    private final Clock clock;
    private final PrintStream log;
    private final HttpServer server;
    private final ExecutorService executor;

    private ApiGatewayEmulator(List<Route> routes, Map<String, Function> functions, CognitoAuthorizer authorizer,
                               UnaryOperator<GatewayResponse> gatewayResponses, String stage, Clock clock, PrintStream log,
                               HttpServer server, ExecutorService executor) {
        this.routes = List.copyOf(routes);
        this.functions = Map.copyOf(functions);
        this.authorizer = authorizer;
        this.gatewayResponses = gatewayResponses;
        this.stage = stage;
        this.clock = clock;
        this.log = log;
        this.server = server;
        this.executor = executor;
    }

    /**
     * Serves on {@code 127.0.0.1:port} until closed.
     *
     * @param gatewayResponses API Gateway's answer of a type as the API has it: its default, or the template's
     *                         gateway response for that type when the template's condition enables one
     * @throws PortInUseException when the port is taken
     */
    static ApiGatewayEmulator start(int port, List<Route> routes, Map<String, Function> functions,
                                    CognitoAuthorizer authorizer, UnaryOperator<GatewayResponse> gatewayResponses, String stage,
                                    Clock clock, PrintStream log) {
        for (Route route : routes) {
            if (!functions.containsKey(route.functionLogicalId())) {
                throw new IllegalArgumentException("no local function for " + route.functionLogicalId());
            }
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        } catch (BindException e) {
            throw new PortInUseException(port, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // one virtual thread per request: the handlers block on DynamoDB, like one Lambda instance each
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        ApiGatewayEmulator api = new ApiGatewayEmulator(routes, functions, authorizer, gatewayResponses, stage, clock, log,
                server, executor);
        server.createContext("/", api::handle);
        server.setExecutor(executor);
        server.start();
        return api;
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String requestId = UUID.randomUUID().toString();
            String method = exchange.getRequestMethod();
            URI uri = exchange.getRequestURI();
            String rawPath = uri.getRawPath();
            Route route = null;
            Map<String, String> pathParameters = null;
            for (Route candidate : routes) {
                pathParameters = candidate.httpMethod().equals(method) ? candidate.match(rawPath) : null;
                if (pathParameters != null) {
                    route = candidate;
                    break;
                }
            }
            if (route == null) {
                // API Gateway's answer for any method and path it has no method for
                sendGatewayResponse(exchange, GatewayResponse.missingAuthenticationTokenDefault(), requestId,
                        "Missing Authentication Token");
                return;
            }
            Map<String, Object> claims = null;
            if (route.requiresCognito()) {
                switch (authorizer.decide(exchange.getRequestHeaders().getFirst("Authorization"))) {
                    case CognitoAuthorizer.Deny deny -> {
                        sendGatewayResponse(exchange, GatewayResponse.unauthorizedDefault(), requestId, deny.message());
                        return;
                    }
                    case CognitoAuthorizer.Allow allow -> claims = allow.claims();
                }
            }
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            ProxyEvents.HttpCall call = new ProxyEvents.HttpCall(method, rawPath, uri.getRawQuery(),
                    new LinkedHashMap<>(exchange.getRequestHeaders()),
                    exchange.getRemoteAddress().getAddress().getHostAddress(), exchange.getProtocol(), body);
            APIGatewayProxyRequestEvent event = ProxyEvents.event(call, route, pathParameters, claims, requestId, stage,
                    clock.instant());
            Function function = functions.get(route.functionLogicalId());
            APIGatewayProxyResponseEvent response;
            try {
                response = function.handler().handleRequest(event, new TestContext(function.name()));
            } catch (RuntimeException e) {
                log.println("API: " + function.name() + " failed on " + method + " " + rawPath + ": " + e);
                sendGatewayResponse(exchange, GatewayResponse.integrationFailureDefault(), requestId,
                        "Internal server error");
                return;
            }
            send(exchange, response, requestId);
        }
    }

    private static void send(HttpExchange exchange, APIGatewayProxyResponseEvent response, String requestId)
            throws IOException {
        var headers = exchange.getResponseHeaders();
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders().forEach((name, values) -> values.forEach(value -> headers.add(name, value)));
        }
        if (response.getHeaders() != null) {
            response.getHeaders().forEach(headers::set);
        }
        if (!headers.containsKey("Content-Type")) {
            headers.set("Content-Type", "application/json");
        }
        headers.set("x-amzn-RequestId", requestId);
        int status = response.getStatusCode() == null ? 200 : response.getStatusCode();
        writeBody(exchange, status, response.getBody());
    }

    private void sendGatewayResponse(HttpExchange exchange, GatewayResponse defaultResponse, String requestId,
                                     String errorMessage) throws IOException {
        GatewayResponse response = gatewayResponses.apply(defaultResponse);
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        response.headersFor(exchange.getRequestHeaders()::getFirst).forEach(headers::set);
        headers.set("x-amzn-RequestId", requestId);
        headers.set("x-amzn-ErrorType", ERROR_TYPES.getOrDefault(response.type(), response.type()));
        writeBody(exchange, response.statusCode(), response.body(requestId, errorMessage));
    }

    private static void writeBody(HttpExchange exchange, int status, String body) throws IOException {
        if (body == null || body.isEmpty() || status == 204 || status == 304) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
