package com.jobstatus.reader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jobstatus.localaws.LocalLambdaContext;
import com.jobstatus.schemas.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One of API Gateway's request events in {@code reader/events} ({@code get-job}, {@code list-jobs},
 * {@code preflight}), as a test varies it: another caller, job, header or query, each set in both the single- and
 * the multi-value maps, as API Gateway sends them. {@link #sendTo} invokes the handler with it.
 */
final class RequestEvent {

    private final ObjectNode event;

    private RequestEvent(ObjectNode event) {
        this.event = event;
    }

    static RequestEvent file(String name) {
        return new RequestEvent(EventFiles.read(name));
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
        if (sub == null) {
            ((ObjectNode) event.path("requestContext")).remove("authorizer");
        } else {
            EventFiles.withCaller(event, sub);
        }
        return this;
    }

    /** The job in the path; null: no path parameters, as on {@code /v1/jobs}. */
    RequestEvent id(String id) {
        if (id == null) {
            event.putNull("pathParameters");
        } else {
            EventFiles.withJob(event, id);
        }
        return this;
    }

    /** Any top-level field, to any value: for events API Gateway would not send. */
    RequestEvent field(String name, JsonNode value) {
        event.set(name, value);
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

    /** Invokes the handler as Lambda does, with the event's bytes, and reads the proxy response it writes. */
    Answer sendTo(GetJobHandler handler) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(Json.MAPPER.writeValueAsBytes(event)), out,
                    new LocalLambdaContext("GetJobFn-test"));
            return Answer.of(Json.MAPPER.readTree(out.toByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The handler's answer: status, headers (looked up in any case, as HTTP does) and body. */
    record Answer(int status, Map<String, String> headers, String body) {

        Answer {
            Map<String, String> any = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            any.putAll(headers);
            headers = any;
        }

        /** From the proxy response's JSON, which must have exactly API Gateway's fields. */
        static Answer of(JsonNode response) {
            Map<String, String> headers = new TreeMap<>();
            response.path("headers").properties().forEach(h -> headers.put(h.getKey(), h.getValue().asText()));
            for (Iterator<String> names = response.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!Set.of("statusCode", "headers", "multiValueHeaders", "body", "isBase64Encoded").contains(name)) {
                    throw new AssertionError("not a field of a proxy response: " + name + " in " + response);
                }
            }
            if (response.path("isBase64Encoded").asBoolean(false) || !response.path("statusCode").isInt()) {
                throw new AssertionError("not a plain JSON proxy response: " + response);
            }
            JsonNode body = response.get("body");
            return new Answer(response.get("statusCode").asInt(), headers,
                    body == null || body.isNull() ? null : body.asText());
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
