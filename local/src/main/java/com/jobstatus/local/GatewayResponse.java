package com.jobstatus.local;

import com.jobstatus.schemas.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * An answer API Gateway gives itself, before or instead of the function: its default, or the template's
 * {@code AWS::ApiGateway::GatewayResponse} for that type when the template's condition enables one.
 *
 * @param type           API Gateway's response type, e.g. {@code UNAUTHORIZED}
 * @param headers        headers with a static value
 * @param requestHeaders headers whose value is a header of the request ({@code method.request.header.Origin}):
 *                       response header name to request header name
 * @param bodyTemplate   the mapping template; {@code $context.requestId} and {@code $context.error.messageString}
 *                       (the quoted error message) are filled in, as API Gateway does
 */
record GatewayResponse(String type, int statusCode, Map<String, String> headers, Map<String, String> requestHeaders,
                       String bodyTemplate) {

    /** API Gateway's default body for all its own error responses. */
    private static final String DEFAULT_BODY = "{\"message\":$context.error.messageString}";

    GatewayResponse {
        headers = Map.copyOf(headers);
        requestHeaders = Map.copyOf(requestHeaders);
    }

    /** A response with static headers only, as API Gateway's defaults are. */
    GatewayResponse(String type, int statusCode, Map<String, String> headers, String bodyTemplate) {
        this(type, statusCode, headers, Map.of(), bodyTemplate);
    }

    /**
     * The headers of this answer to a request: the static ones, and each mapped one the request has (one it
     * lacks is left out).
     *
     * @param requestHeader a request header's value by name (case-insensitive, as HTTP names are), or null
     */
    Map<String, String> headersFor(UnaryOperator<String> requestHeader) {
        Map<String, String> out = new LinkedHashMap<>(headers);
        requestHeaders.forEach((name, source) -> {
            String value = requestHeader.apply(source);
            if (value != null) {
                out.put(name, value);
            }
        });
        return out;
    }

    static GatewayResponse unauthorizedDefault() {
        return new GatewayResponse("UNAUTHORIZED", 401, Map.of(), DEFAULT_BODY);
    }

    static GatewayResponse missingAuthenticationTokenDefault() {
        return new GatewayResponse("MISSING_AUTHENTICATION_TOKEN", 403, Map.of(), DEFAULT_BODY);
    }

    /**
     * What API Gateway answers for a request it cannot parse (a malformed percent-escape, say), before any
     * method runs: a 4XX of its own, so DEFAULT_4XX when the API customises that.
     */
    static GatewayResponse badRequestDefault() {
        return new GatewayResponse("DEFAULT_4XX", 400, Map.of(), DEFAULT_BODY);
    }

    /** What API Gateway answers for a request over its size limits. */
    static GatewayResponse requestTooLargeDefault() {
        return new GatewayResponse("REQUEST_TOO_LARGE", 413, Map.of(), DEFAULT_BODY);
    }

    /** What API Gateway answers when an AWS_PROXY function fails (throws, times out). */
    static GatewayResponse integrationFailureDefault() {
        return new GatewayResponse("DEFAULT_5XX", 502, Map.of(), DEFAULT_BODY);
    }

    String body(String requestId, String errorMessage) {
        return bodyTemplate
                .replace("$context.requestId", requestId)
                .replace("$context.error.messageString", Json.MAPPER.getNodeFactory().textNode(errorMessage).toString())
                .replace("$context.error.message", errorMessage);
    }
}
