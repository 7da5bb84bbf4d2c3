package com.jobstatus.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jobstatus.schemas.Json;
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
 * Builds the REST API (payload 1.0) Lambda proxy event API Gateway would send for a request, as the JSON it sends
 * (the shape of {@code reader/events/*.json}): single- and multi-value headers and query parameters (the single-value
 * maps keep the last value, as API Gateway does), decoded path parameters, and a request context with the stage,
 * resource path, source IP and, behind the Cognito authorizer, the token's claims as strings.
 */
final class RestApiEvents {

    /** The local account moto uses; API Gateway puts the API owner's there. */
    static final String ACCOUNT_ID = "123456789012";
    static final String API_ID = "local";
    static final String DEPLOYMENT_ID = "local";
    /** The caller's identity as API Gateway describes it; behind a Cognito authorizer, all null but these two. */
    private static final List<String> IDENTITY_FIELDS = List.of("cognitoIdentityPoolId", "accountId",
            "cognitoIdentityId", "caller", "sourceIp", "principalOrgId", "accessKey", "cognitoAuthenticationType",
            "cognitoAuthenticationProvider", "userArn", "userAgent", "user");
    /** API Gateway\'s {@code requestContext.requestTime}, in both APIs\' events. */
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
    static ObjectNode event(HttpCall call, Route route, Map<String, String> pathParameters,
                            Map<String, Object> claims, String requestId, String stage, Instant now) {
        Map<String, List<String>> multiHeaders = new LinkedHashMap<>(call.headers());
        Map<String, String> headers = lastValues(multiHeaders);
        Map<String, List<String>> multiQuery = query(call.rawQuery());
        String host = header(headers, "Host");
        ObjectNode event = Json.MAPPER.createObjectNode()
                .put("resource", route.resourcePath())
                .put("path", call.rawPath())
                .put("httpMethod", call.method());
        putStrings(event, "headers", headers);
        putLists(event, "multiValueHeaders", multiHeaders);
        putStrings(event, "queryStringParameters", lastValues(multiQuery));
        putLists(event, "multiValueQueryStringParameters", multiQuery);
        putStrings(event, "pathParameters", pathParameters);
        event.putNull("stageVariables");
        ObjectNode context = event.putObject("requestContext")
                .put("resourceId", Integer.toHexString(route.resourcePath().hashCode()));
        if (claims != null) {
            context.putObject("authorizer").set("claims", Json.MAPPER.valueToTree(claimsAsStrings(claims)));
        }
        context.put("resourcePath", route.resourcePath())
                .put("httpMethod", call.method())
                .put("extendedRequestId", requestId)
                .put("requestTime", REQUEST_TIME.format(now))
                .put("path", call.rawPath())
                .put("accountId", ACCOUNT_ID)
                .put("protocol", call.protocol())
                .put("stage", stage)
                .put("domainPrefix", host == null ? null : host.split("[.:]", 2)[0])
                .put("requestTimeEpoch", now.toEpochMilli())
                .put("requestId", requestId);
        ObjectNode identity = context.putObject("identity");
        for (String field : IDENTITY_FIELDS) {
            identity.putNull(field);
        }
        identity.put("sourceIp", call.sourceIp()).put("userAgent", header(headers, "User-Agent"));
        context.put("domainName", host)
                .put("deploymentId", DEPLOYMENT_ID)
                .put("apiId", API_ID);
        event.put("body", call.body() == null || call.body().isEmpty() ? null : call.body());
        event.put("isBase64Encoded", false);
        return event;
    }

    /** A map as API Gateway sends it: null, not {}, when empty. */
    private static void putStrings(ObjectNode event, String field, Map<String, String> values) {
        if (values.isEmpty()) {
            event.putNull(field);
        } else {
            ObjectNode map = event.putObject(field);
            values.forEach(map::put);
        }
    }

    private static void putLists(ObjectNode event, String field, Map<String, List<String>> values) {
        if (values.isEmpty()) {
            event.putNull(field);
        } else {
            ObjectNode map = event.putObject(field);
            values.forEach((name, list) -> list.forEach(map.withArrayProperty(name)::add));
        }
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
