package com.jobstatus.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What the WebSocket API's functions read of API Gateway's events (the examples in {@code schemas/events/push/}):
 * the REQUEST authorizer's event on {@code $connect} (WsAuthorizerFn) and the {@code $connect} and
 * {@code $disconnect} route events (ConnectionsFn). One reading for both functions, so the key the authorizer
 * hands the user on under is the key the connect route reads it from.
 *
 * @param routeKey             {@code $connect}, {@code $disconnect}; empty when the event names none
 * @param connectionId         API Gateway's id of the connection, or null when the event has none
 * @param connectedAt          when the connection opened, or null when the event does not say
 * @param headers              by lower-case name: header names are case-insensitive, and API Gateway passes them as
 *                             the client spelled them; the first of a name spelled two ways wins
 * @param query                the query string's parameters
 * @param userId               the user the authorizer verified and put in its context, or null (the authorizer's
 *                             own event, or a route without the authorizer)
 * @param disconnectStatusCode the WebSocket close code on {@code $disconnect}, 0 otherwise
 * @param methodArn            the route's ARN in the authorizer's event, which its policy names; empty otherwise
 */
public record WebSocketRequest(String routeKey, String connectionId, Instant connectedAt, Map<String, String> headers,
                               Map<String, String> query, String userId, int disconnectStatusCode, String methodArn) {

    /** The authorizer context's key for the verified user: WsAuthorizerFn writes it, the {@code $connect} route reads it. */
    public static final String USER_ID_KEY = "userId";

    public WebSocketRequest {
        headers = Map.copyOf(headers);
        query = Map.copyOf(query);
    }

    public static WebSocketRequest read(JsonNode event) {
        JsonNode context = event.path("requestContext");
        Map<String, String> headers = new HashMap<>();
        event.path("headers").properties().forEach(header -> {
            if (header.getValue().isTextual()) {
                headers.putIfAbsent(header.getKey().toLowerCase(Locale.ROOT), header.getValue().asText());
            }
        });
        Map<String, String> query = new HashMap<>();
        event.path("queryStringParameters").properties().forEach(parameter -> {
            if (parameter.getValue().isValueNode() && !parameter.getValue().isNull()) {
                query.put(parameter.getKey(), parameter.getValue().asText());
            }
        });
        long connectedAt = context.path("connectedAt").asLong(0);
        return new WebSocketRequest(context.path("routeKey").asText(), context.path("connectionId").asText(null),
                connectedAt > 0 ? Instant.ofEpochMilli(connectedAt) : null, headers, query,
                context.path("authorizer").path(USER_ID_KEY).asText(null), context.path("disconnectStatusCode").asInt(),
                event.path("methodArn").asText());
    }

    /** @param name any spelling: header names are case-insensitive */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String query(String name) {
        return query.get(name);
    }
}
