package com.jobstatus.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jobstatus.schemas.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The events API Gateway's WebSocket API hands its functions, in the shape of {@code schemas/events/push/}: the
 * REQUEST authorizer's event on {@code $connect}, and the {@code $connect} and {@code $disconnect} proxy events.
 */
final class WebSocketEvents {

    /** An upgrade request as it came in: what the events carry of it. */
    record Handshake(String connectionId, String requestId, Map<String, List<String>> headers,
                     Map<String, List<String>> query, String sourceIp, Instant connectedAt, String domainName) {
    }

    private WebSocketEvents() {
    }

    /** The REQUEST authorizer's event ({@code schemas/events/push/connect-authorizer.json}). */
    static ObjectNode authorizer(Handshake call, String routeKey, String stage, String apiId, String region,
                                 String accountId, Instant now) {
        ObjectNode event = Json.MAPPER.createObjectNode()
                .put("type", "REQUEST")
                .put("methodArn", "arn:aws:execute-api:" + region + ":" + accountId + ":" + apiId + "/" + stage + "/" + routeKey);
        request(event, call, true);
        event.putObject("stageVariables");
        event.set("requestContext", context(call, routeKey, "CONNECT", stage, apiId, now));
        return event;
    }

    /** The {@code $connect} route's proxy event, with the authorizer's principal and context. */
    static ObjectNode connect(Handshake call, String stage, String apiId, JsonNode authorizerAnswer, long latencyMillis,
                              Instant now) {
        ObjectNode event = Json.MAPPER.createObjectNode();
        request(event, call, true);
        ObjectNode context = context(call, "$connect", "CONNECT", stage, apiId, now);
        if (authorizerAnswer != null) {
            ObjectNode authorizer = Json.MAPPER.createObjectNode()
                    .put("principalId", authorizerAnswer.path("principalId").asText())
                    .put("integrationLatency", latencyMillis);
            authorizerAnswer.path("context").properties().forEach(e -> authorizer.set(e.getKey(), e.getValue()));
            context.set("authorizer", authorizer);
        }
        event.set("requestContext", reorder(context, "routeKey", "authorizer"));
        event.put("isBase64Encoded", false);
        return event;
    }

    /** The {@code $disconnect} route's proxy event, with the close code and reason. */
    static ObjectNode disconnect(Handshake call, String stage, String apiId, JsonNode authorizerContext, int statusCode,
                                 String reason, Instant now) {
        ObjectNode event = Json.MAPPER.createObjectNode();
        ObjectNode headers = event.putObject("headers").put("Host", call.domainName());
        event.putObject("multiValueHeaders").putArray("Host").add(call.domainName());
        headers.put("x-api-key", "");
        ObjectNode context = context(call, "$disconnect", "DISCONNECT", stage, apiId, now);
        if (authorizerContext != null) {
            context.set("authorizer", authorizerContext);
        }
        context.put("disconnectStatusCode", statusCode).put("disconnectReason", reason == null ? "" : reason);
        event.set("requestContext", context);
        event.put("isBase64Encoded", false);
        return event;
    }

    private static void request(ObjectNode event, Handshake call, boolean withQuery) {
        ObjectNode headers = event.putObject("headers");
        ObjectNode multiHeaders = event.putObject("multiValueHeaders");
        call.headers().forEach((name, values) -> {
            headers.put(name, values.getLast());
            values.forEach(multiHeaders.putArray(name)::add);
        });
        if (withQuery && !call.query().isEmpty()) {
            ObjectNode query = event.putObject("queryStringParameters");
            ObjectNode multiQuery = event.putObject("multiValueQueryStringParameters");
            call.query().forEach((name, values) -> {
                query.put(name, values.getLast());
                values.forEach(multiQuery.putArray(name)::add);
            });
        }
    }

    private static ObjectNode context(Handshake call, String routeKey, String eventType, String stage, String apiId,
                                      Instant now) {
        ObjectNode context = Json.MAPPER.createObjectNode()
                .put("routeKey", routeKey)
                .put("eventType", eventType)
                .put("extendedRequestId", call.requestId())
                .put("requestTime", RestApiEvents.REQUEST_TIME.format(now))
                .put("messageDirection", "IN")
                .put("stage", stage)
                .put("connectedAt", call.connectedAt().toEpochMilli())
                .put("requestTimeEpoch", now.toEpochMilli());
        ObjectNode identity = context.putObject("identity");
        List<String> agent = call.headers().entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase("User-Agent"))
                .map(h -> h.getValue().getLast()).toList();
        if (!agent.isEmpty()) {
            identity.put("userAgent", agent.getFirst());
        }
        identity.put("sourceIp", call.sourceIp());
        return context.put("requestId", call.requestId())
                .put("domainName", call.domainName())
                .put("connectionId", call.connectionId())
                .put("apiId", apiId);
    }

    /** The fields in API Gateway's order, {@code second} right after {@code first}: readers of logs compare by eye. */
    private static ObjectNode reorder(ObjectNode node, String first, String second) {
        if (!node.has(second)) {
            return node;
        }
        ObjectNode out = Json.MAPPER.createObjectNode();
        node.properties().forEach(e -> {
            if (!e.getKey().equals(second)) {
                out.set(e.getKey(), e.getValue());
            }
            if (e.getKey().equals(first)) {
                out.set(second, node.get(second));
            }
        });
        return out;
    }
}
