package com.jobstatus.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.jobstatus.localaws.LocalLambdaContext;
import com.jobstatus.schemas.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * API Gateway (REST API, Lambda proxy integrations) on a loopback port: the template's routes, the Cognito
 * authorizer in front of the methods that declare it, API Gateway's own answers (403 "Missing Authentication
 * Token" for a route it does not have, 401 from the authorizer, 502 when the function fails, 400 for a request
 * it cannot parse, 413 for one over its limits), always in JSON, and the real function behind each route.
 * The URL has no stage prefix, as behind a custom domain mapped to the stage.
 */
final class ApiGatewayEmulator implements AutoCloseable {

    /** A function behind the API, as API Gateway invokes it: the event's JSON in, the proxy response's JSON out. */
    record Function(String name, RequestStreamHandler handler) {
    }

    /** What API Gateway puts in {@code x-amzn-ErrorType} for each of its own answers. */
    private static final Map<String, String> ERROR_TYPES = Map.of(
            "UNAUTHORIZED", "UnauthorizedException",
            "MISSING_AUTHENTICATION_TOKEN", "MissingAuthenticationTokenException",
            "DEFAULT_4XX", "BadRequestException",
            "DEFAULT_5XX", "InternalServerErrorException");

    private final List<Route> routes;
    private final Map<String, Function> functions;
    private final CognitoAuthorizer authorizer;
    private final UnaryOperator<GatewayResponse> gatewayResponses;
    private final String stage;
    private final Clock clock;
    private final PrintStream log;
    private LocalHttpServer server;

    private ApiGatewayEmulator(List<Route> routes, Map<String, Function> functions, CognitoAuthorizer authorizer,
                               UnaryOperator<GatewayResponse> gatewayResponses, String stage, Clock clock,
                               PrintStream log) {
        this.routes = List.copyOf(routes);
        this.functions = Map.copyOf(functions);
        this.authorizer = authorizer;
        this.gatewayResponses = gatewayResponses;
        this.stage = stage;
        this.clock = clock;
        this.log = log;
    }

    /**
     * Serves on {@code 127.0.0.1:port} until closed.
     *
     * @param gatewayResponses API Gateway's answer of a type as the API has it: its default, or the template's
     *                         gateway response for that type when the template's condition enables one
     * @throws PortInUseException when the port is taken
     */
    static ApiGatewayEmulator start(int port, List<Route> routes, Map<String, Function> functions,
                                    CognitoAuthorizer authorizer, UnaryOperator<GatewayResponse> gatewayResponses,
                                    String stage, Clock clock, PrintStream log) {
        for (Route route : routes) {
            if (!functions.containsKey(route.functionLogicalId())) {
                throw new IllegalArgumentException("no local function for " + route.functionLogicalId());
            }
        }
        ApiGatewayEmulator api = new ApiGatewayEmulator(routes, functions, authorizer, gatewayResponses, stage, clock,
                log);
        try {
            api.server = LocalHttpServer.start(port, new LocalHttpServer.Handler() {
                @Override
                public LocalHttpServer.Response handle(LocalHttpServer.Request request) {
                    return api.handle(request);
                }

                @Override
                public LocalHttpServer.Response refuse(int status, String reason) {
                    // API Gateway answers a request it cannot take itself, before any method runs
                    // (nothing of the request to map into it: it could not be read)
                    return api.gatewayResponse(status == 413 ? GatewayResponse.requestTooLargeDefault()
                            : GatewayResponse.badRequestDefault(), Map.of(), UUID.randomUUID().toString(), reason);
                }
            });
        } catch (BindException e) {
            throw new PortInUseException(port, e);
        }
        return api;
    }

    int port() {
        return server.port();
    }

    private LocalHttpServer.Response handle(LocalHttpServer.Request request) {
        String requestId = UUID.randomUUID().toString();
        String method = request.method();
        Route route = null;
        Map<String, String> pathParameters = null;
        for (Route candidate : routes) {
            pathParameters = candidate.httpMethod().equals(method) ? candidate.match(request.rawPath()) : null;
            if (pathParameters != null) {
                route = candidate;
                break;
            }
        }
        if (route == null) {
            // API Gateway's answer for any method and path it has no method for
            return gatewayResponse(GatewayResponse.missingAuthenticationTokenDefault(), request.headers(), requestId,
                    "Missing Authentication Token");
        }
        Map<String, Object> claims = null;
        if (route.requiresCognito()) {
            switch (authorizer.decide(LocalHttpServer.first(request.headers(), "Authorization"))) {
                case CognitoAuthorizer.Deny deny -> {
                    return gatewayResponse(GatewayResponse.unauthorizedDefault(), request.headers(), requestId,
                            deny.message());
                }
                case CognitoAuthorizer.Allow allow -> claims = allow.claims();
            }
        }
        RestApiEvents.HttpCall call = new RestApiEvents.HttpCall(method, request.rawPath(), request.rawQuery(),
                new LinkedHashMap<>(request.headers()), request.remoteAddress(), request.protocol(),
                new String(request.body(), StandardCharsets.UTF_8));
        Function function = functions.get(route.functionLogicalId());
        JsonNode response;
        try {
            byte[] event = Json.MAPPER.writeValueAsBytes(RestApiEvents.event(call, route, pathParameters, claims,
                    requestId, stage, clock.instant()));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            function.handler().handleRequest(new ByteArrayInputStream(event), out,
                    new LocalLambdaContext(function.name()));
            response = Json.MAPPER.readTree(out.toByteArray());
        } catch (IOException | RuntimeException e) {
            log.println("API: " + function.name() + " failed on " + method + " " + request.rawPath() + ": " + e);
            return gatewayResponse(GatewayResponse.integrationFailureDefault(), request.headers(), requestId,
                    "Internal server error");
        }
        return functionResponse(response, requestId);
    }

    /** API Gateway's reading of a proxy response: both header maps (a name in both: the single value), a base64 body. */
    private static LocalHttpServer.Response functionResponse(JsonNode response, String requestId) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        response.path("multiValueHeaders").properties().forEach(header -> {
            List<String> values = new ArrayList<>();
            header.getValue().forEach(value -> values.add(value.asText()));
            headers.put(header.getKey(), values);
        });
        response.path("headers").properties().forEach(header -> set(headers, header.getKey(), header.getValue().asText()));
        if (LocalHttpServer.first(headers, "Content-Type") == null) {
            headers.put("Content-Type", List.of("application/json"));
        }
        set(headers, "x-amzn-RequestId", requestId);
        int status = response.path("statusCode").asInt(200);
        JsonNode body = response.path("body");
        byte[] bytes = !body.isTextual() ? new byte[0] : response.path("isBase64Encoded").asBoolean()
                ? Base64.getDecoder().decode(body.asText()) : bytes(body.asText());
        return new LocalHttpServer.Response(status, headers, bytes);
    }

    /**
     * @param requestHeaders the request's headers, which the gateway response may map into its own
     *                       ({@code method.request.header.Origin})
     */
    private LocalHttpServer.Response gatewayResponse(GatewayResponse defaultResponse,
                                                     Map<String, List<String>> requestHeaders, String requestId,
                                                     String errorMessage) {
        GatewayResponse response = gatewayResponses.apply(defaultResponse);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of("application/json"));
        response.headersFor(name -> LocalHttpServer.first(requestHeaders, name))
                .forEach((name, value) -> set(headers, name, value));
        set(headers, "x-amzn-RequestId", requestId);
        String errorType = ERROR_TYPES.get(response.type());
        if (errorType != null) {
            set(headers, "x-amzn-ErrorType", errorType);
        }
        return new LocalHttpServer.Response(response.statusCode(), headers,
                bytes(response.body(requestId, errorMessage)));
    }

    /** Sets a header, replacing any of the same name in another case, as one value. */
    private static void set(Map<String, List<String>> headers, String name, String value) {
        headers.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
        headers.put(name, List.of(value));
    }

    private static byte[] bytes(String body) {
        return body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.close();
    }
}
