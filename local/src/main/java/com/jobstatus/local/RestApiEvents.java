package com.jobstatus.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the REST API (payload 1.0) Lambda proxy event API Gateway would send for a request: single- and
 * multi-value headers and query parameters (the single-value maps keep the last value, as API Gateway does),
 * decoded path parameters, and a request context with the stage, resource path, source IP and, behind the
 * Cognito authorizer, the token's claims as strings.
 */
final class RestApiEvents {

    /** The local account moto uses; API Gateway puts the API owner's there. */
    static final String ACCOUNT_ID = "123456789012";
    static final String API_ID = "local";
    /** API Gateway's {@code requestContext.requestTime}, in both APIs' events. */
    static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** A request as it came in over HTTP. */
    record HttpCall(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
                    String sourceIp, String protocol, String body) {
    }

    private RestApiEvents() {
    }

    /**
     * @param claims the authorizer's verified claims, or null for a method without authorization
     */
    static APIGatewayProxyRequestEvent event(HttpCall call, Route route, Map<String, String> pathParameters,
                                             Map<String, Object> claims, String requestId, String stage, Instant now) {
        Map<String, List<String>> multiHeaders = new LinkedHashMap<>(call.headers());
        Map<String, String> headers = lastValues(multiHeaders);
        Map<String, List<String>> multiQuery = query(call.rawQuery());
        APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext()
                .withAccountId(ACCOUNT_ID)
                .withApiId(API_ID)
                .withResourceId(Integer.toHexString(route.resourcePath().hashCode()))
                .withStage(stage)
                .withRequestId(requestId)
                .withExtendedRequestId(requestId)
                .withResourcePath(route.resourcePath())
                .withHttpMethod(call.method())
                .withPath(call.rawPath())
                .withProtocol(call.protocol())
                .withDomainName(header(headers, "Host"))
                .withRequestTime(REQUEST_TIME.format(now))
                .withRequestTimeEpoch(now.toEpochMilli())
                .withIdentity(new APIGatewayProxyRequestEvent.RequestIdentity()
                        .withSourceIp(call.sourceIp())
                        .withUserAgent(header(headers, "User-Agent")));
        if (claims != null) {
            context.setAuthorizer(Map.of("claims", claimsAsStrings(claims)));
        }
        return new APIGatewayProxyRequestEvent()
                .withResource(route.resourcePath())
                .withPath(call.rawPath())
                .withHttpMethod(call.method())
                .withHeaders(headers.isEmpty() ? null : headers)
                .withMultiValueHeaders(multiHeaders.isEmpty() ? null : multiHeaders)
                .withQueryStringParameters(multiQuery.isEmpty() ? null : lastValues(multiQuery))
                .withMultiValueQueryStringParameters(multiQuery.isEmpty() ? null : multiQuery)
                .withPathParameters(pathParameters.isEmpty() ? null : pathParameters)
                .withStageVariables(null)
                .withRequestContext(context)
                .withBody(call.body() == null || call.body().isEmpty() ? null : call.body())
                .withIsBase64Encoded(false);
    }

    /** API Gateway hands the Cognito claims over as strings; lists (such as groups) comma-separated. */
    static Map<String, String> claimsAsStrings(Map<String, Object> claims) {
        Map<String, String> out = new LinkedHashMap<>();
        claims.forEach((name, value) -> out.put(name, value instanceof List<?> items
                ? String.join(",", items.stream().map(String::valueOf).toList())
                : String.valueOf(value)));
        return out;
    }

    static Map<String, List<String>> query(String rawQuery) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            parameters.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        }
        return parameters;
    }

    /** Header names are case-insensitive (and the JDK's server changes their case). */
    static String header(Map<String, String> headers, String name) {
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return null;
    }

    private static Map<String, String> lastValues(Map<String, List<String>> multi) {
        Map<String, String> single = new LinkedHashMap<>();
        multi.forEach((name, values) -> {
            if (!values.isEmpty()) {
                single.put(name, values.getLast());
            }
        });
        return single;
    }
}
