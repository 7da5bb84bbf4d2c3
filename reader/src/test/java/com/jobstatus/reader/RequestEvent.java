package com.jobstatus.reader;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jobstatus.localaws.LocalLambdaContext;
import com.jobstatus.schemas.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * One of API Gateway's request events in {@code reader/events} ({@code get-job}, {@code list-jobs},
 * {@code preflight}), as a test varies it: another caller, job, header or query, each set in both the single- and
 * the multi-value maps, as API Gateway sends them. {@link #sendTo} invokes the handler with it.
 */
final class RequestEvent {

    /** What the RIC does with the event for a {@code RequestHandler}: binds it, ignoring fields the class lacks. */
    private static final ObjectMapper BINDER = Json.MAPPER.copy()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final ObjectNode event;

    private RequestEvent(ObjectNode event) {
        this.event = event;
    }

    static RequestEvent file(String name) {
        try (InputStream in = RequestEvent.class.getResourceAsStream("/events/" + name + ".json")) {
            if (in == null) {
                throw new IllegalStateException("events/" + name + ".json is not on the class path");
            }
            return new RequestEvent((ObjectNode) Json.MAPPER.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code GET /v1/jobs/{id}} of the file's caller. */
    static RequestEvent getJob(String id) {
        return file("get-job").id(id);
    }

    /** {@code GET /v1/jobs} of the file's caller, without query parameters. */
    static RequestEvent listJobs() {
        return file("list-jobs").query(Map.of());
    }

    /** The browser's preflight before {@code GET /v1/jobs}, from the file's origin. */
    static RequestEvent preflight() {
        return file("preflight");
    }

    /** The caller the Cognito authorizer verified; null: no authorizer context at all. */
    RequestEvent caller(String sub) {
        ObjectNode context = (ObjectNode) event.path("requestContext");
        if (sub == null) {
            context.remove("authorizer");
        } else {
            ObjectNode claims = context.withObjectProperty("authorizer").withObjectProperty("claims");
            claims.put("sub", sub).put("cognito:username", sub);
        }
        return this;
    }

    RequestEvent id(String id) {
        event.withObjectProperty("pathParameters").put("id", id);
        String path = "/v1/jobs/" + id;
        event.put("path", path);
        ((ObjectNode) event.path("requestContext")).put("path", "/prod" + path);
        return this;
    }

    RequestEvent method(String method) {
        event.put("httpMethod", method);
        ((ObjectNode) event.path("requestContext")).put("httpMethod", method);
        return this;
    }

    /** The API Gateway resource the request came in on, such as {@code /v1/jobs/{id}}. */
    RequestEvent route(String resource) {
        event.put("resource", resource);
        ((ObjectNode) event.path("requestContext")).put("resourcePath", resource);
        return this;
    }

    /** Sets a header (replacing one of the same name in any case); null removes it. */
    RequestEvent header(String name, String value) {
        for (String map : new String[] {"headers", "multiValueHeaders"}) {
            ObjectNode headers = event.withObjectProperty(map);
            for (Iterator<String> names = headers.fieldNames(); names.hasNext(); ) {
                if (names.next().equalsIgnoreCase(name)) {
                    names.remove();
                }
            }
        }
        if (value != null) {
            event.withObjectProperty("headers").put(name, value);
            event.withObjectProperty("multiValueHeaders").putArray(name).add(value);
        }
        return this;
    }

    /** A header sent more than once: API Gateway lists every value in the multi-value map, the last in the other. */
    RequestEvent repeatedHeader(String name, String... values) {
        header(name, values[values.length - 1]);
        var all = event.withObjectProperty("multiValueHeaders").putArray(name);
        for (String value : values) {
            all.add(value);
        }
        return this;
    }

    RequestEvent query(Map<String, String> parameters) {
        if (parameters.isEmpty()) {
            event.putNull("queryStringParameters");
            event.putNull("multiValueQueryStringParameters");
            return this;
        }
        ObjectNode single = event.putObject("queryStringParameters");
        ObjectNode multi = event.putObject("multiValueQueryStringParameters");
        new TreeMap<>(parameters).forEach((name, value) -> {
            single.put(name, value);
            multi.putArray(name).add(value);
        });
        return this;
    }

    RequestEvent requestId(String requestId) {
        ((ObjectNode) event.path("requestContext")).put("requestId", requestId);
        return this;
    }

    JsonNode json() {
        return event.deepCopy();
    }

    Answer sendTo(GetJobHandler handler) {
        APIGatewayProxyRequestEvent request;
        try {
            request = BINDER.treeToValue(event, APIGatewayProxyRequestEvent.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        APIGatewayProxyResponseEvent response = handler.handleRequest(request, new LocalLambdaContext("GetJobFn-test"));
        return new Answer(response.getStatusCode(), response.getHeaders(), response.getBody());
    }

    /** The handler's answer: status, headers (looked up in any case, as HTTP does) and body. */
    record Answer(int status, Map<String, String> headers, String body) {

        Answer {
            Map<String, String> any = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            any.putAll(headers);
            headers = any;
        }

        String header(String name) {
            return headers.get(name);
        }

        JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }
}
