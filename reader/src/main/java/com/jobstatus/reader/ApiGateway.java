package com.jobstatus.reader;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Translates API Gateway REST proxy events to {@link ApiRequest} and {@link ApiResponse} back. */
final class ApiGateway {

    private ApiGateway() {
    }

    static ApiRequest toRequest(APIGatewayProxyRequestEvent event) {
        Map<String, String> headers = new HashMap<>();
        if (event.getMultiValueHeaders() != null) {
            event.getMultiValueHeaders().forEach((name, values) -> {
                if (name != null && values != null && !values.isEmpty()) {
                    headers.put(name.toLowerCase(Locale.ROOT), String.join(", ", values));
                }
            });
        }
        if (event.getHeaders() != null) {
            event.getHeaders().forEach((name, value) -> {
                if (name != null && value != null) {
                    headers.putIfAbsent(name.toLowerCase(Locale.ROOT), value);
                }
            });
        }
        Map<String, String> path = event.getPathParameters();
        Map<String, String> query = event.getQueryStringParameters();
        APIGatewayProxyRequestEvent.ProxyRequestContext context = event.getRequestContext();
        return new ApiRequest(
                event.getHttpMethod(),
                event.getResource(),
                path == null ? null : path.get("id"),
                headers,
                query == null ? Map.of() : query,
                context == null ? null : callerId(context.getAuthorizer()),
                context == null ? null : context.getRequestId());
    }

    /** The verified Cognito {@code sub}: the authorizer puts the token's claims under {@code claims}. */
    private static String callerId(Map<String, Object> authorizer) {
        if (authorizer == null || !(authorizer.get("claims") instanceof Map<?, ?> claims)) {
            return null;
        }
        return claims.get("sub") instanceof String sub && !sub.isBlank() ? sub : null;
    }

    static APIGatewayProxyResponseEvent toResponse(ApiResponse response) {
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(response.status())
                .withHeaders(response.headers())
                .withMultiValueHeaders(Map.of())
                .withBody(response.body());
    }

    /** A request as API Gateway would send it, for priming and tests. */
    static APIGatewayProxyRequestEvent event(String method, String resource, String path, String jobId,
                                             Map<String, String> headers, Map<String, String> query, String sub) {
        APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext()
                .withRequestId("req-" + Long.toHexString(System.nanoTime()))
                .withHttpMethod(method)
                .withResourcePath(resource)
                .withPath("/v1" + path);
        if (sub != null) {
            context.setAuthorizer(Map.of("claims", Map.of("sub", sub, "token_use", "id")));
        }
        Map<String, List<String>> multi = new HashMap<>();
        headers.forEach((k, v) -> multi.put(k, List.of(v)));
        return new APIGatewayProxyRequestEvent()
                .withHttpMethod(method)
                .withResource(resource)
                .withPath(path)
                .withPathParameters(jobId == null ? null : Map.of("id", jobId))
                .withHeaders(headers)
                .withMultiValueHeaders(multi)
                .withQueryStringParameters(query.isEmpty() ? null : query)
                .withRequestContext(context);
    }
}
