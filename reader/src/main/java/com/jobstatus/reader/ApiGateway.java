package com.jobstatus.reader;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.jobstatus.schemas.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads API Gateway's REST proxy event (payload 1.0) into an {@link ApiRequest} and writes an {@link ApiResponse} as
 * the proxy response, over Jackson's streaming API with our own settings: the runtime hands the handler bytes, and
 * maps no types (BENCHMARKS.md "Reader levers"). Only what the API reads is kept; every other field is skipped
 * without building a value for it.
 *
 * <p>Header names are case-insensitive (API Gateway passes them as the client sent them); a header's values come from
 * {@code multiValueHeaders}, joined with ", " as HTTP allows, else from {@code headers}. A query parameter given twice
 * takes its last value, as API Gateway's {@code queryStringParameters} has it.
 */
final class ApiGateway {

    private static final JsonFactory JSON = Json.MAPPER.getFactory();

    private ApiGateway() {
    }

    /** The request in an event; a field that is missing, null or of another type reads as absent. */
    static ApiRequest read(InputStream event) throws IOException {
        try (JsonParser in = JSON.createParser(event).disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)) {
            JsonToken start = in.nextToken();
            if (start != JsonToken.START_OBJECT) {
                throw new IOException("not an API Gateway proxy event: the event is not a JSON object");
            }
            Fields fields = new Fields();
            eachField(in, start, (name, value) -> {
                switch (name) {
                    case "httpMethod" -> fields.method = text(in, value);
                    case "resource" -> fields.route = text(in, value);
                    case "headers" -> headers(in, value, fields, false);
                    case "multiValueHeaders" -> headers(in, value, fields, true);
                    case "queryStringParameters" -> fields.query = query(in, value, false);
                    case "multiValueQueryStringParameters" -> fields.queryValues = query(in, value, true);
                    case "pathParameters" -> eachField(in, value, (parameter, id) -> {
                        if ("id".equals(parameter)) {
                            fields.jobId = text(in, id);
                        } else {
                            in.skipChildren();
                        }
                    });
                    case "requestContext" -> requestContext(in, value, fields);
                    default -> in.skipChildren();
                }
            });
            if (in.nextToken() != null) {
                throw new IOException("not an API Gateway proxy event: more than one JSON value");
            }
            return fields.request();
        }
    }

    /** What the event says, as it is read; the multi-value maps win over the single-value ones, in any order. */
    private static final class Fields {
        String method;
        String route;
        String jobId;
        String origin;
        String originValues;
        String ifNoneMatch;
        String ifNoneMatchValues;
        Map<String, String> query;
        Map<String, String> queryValues;
        String callerId;
        String requestId;

        ApiRequest request() {
            Map<String, String> parameters = queryValues != null ? queryValues : query;
            return new ApiRequest(method, route, jobId, originValues != null ? originValues : origin,
                    ifNoneMatchValues != null ? ifNoneMatchValues : ifNoneMatch,
                    parameters == null ? Map.of() : parameters, callerId, requestId);
        }
    }

    /** Reads one field's value, the parser on its first token; a value it does not want, it skips. */
    @FunctionalInterface
    private interface FieldReader {
        void read(String name, JsonToken value) throws IOException;
    }

    /** Each field of the object that starts at {@code start}; a value of any other type is skipped. */
    private static void eachField(JsonParser in, JsonToken start, FieldReader reader) throws IOException {
        if (start != JsonToken.START_OBJECT) {
            in.skipChildren();
            return;
        }
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String name = in.currentName();
            reader.read(name, in.nextToken());
        }
    }

    private static void headers(JsonParser in, JsonToken start, Fields fields, boolean multi) throws IOException {
        eachField(in, start, (name, value) -> {
            if ("origin".equalsIgnoreCase(name)) {
                if (multi) {
                    fields.originValues = values(in, value, true);
                } else {
                    fields.origin = text(in, value);
                }
            } else if ("if-none-match".equalsIgnoreCase(name)) {
                if (multi) {
                    fields.ifNoneMatchValues = values(in, value, true);
                } else {
                    fields.ifNoneMatch = text(in, value);
                }
            } else {
                in.skipChildren();
            }
        });
    }

    /** The parameters, or null when the map is absent or of another type. */
    private static Map<String, String> query(JsonParser in, JsonToken start, boolean multi) throws IOException {
        if (start != JsonToken.START_OBJECT) {
            in.skipChildren();
            return null;
        }
        Map<String, String> query = new HashMap<>(4);
        eachField(in, start, (name, value) -> {
            String parameter = multi ? values(in, value, false) : text(in, value);
            if (parameter != null) {
                query.put(name, parameter);
            }
        });
        return query;
    }

    /** API Gateway's request id, and the verified Cognito {@code sub}: the authorizer puts the claims there. */
    private static void requestContext(JsonParser in, JsonToken start, Fields fields) throws IOException {
        eachField(in, start, (name, value) -> {
            if ("requestId".equals(name)) {
                fields.requestId = text(in, value);
            } else if ("authorizer".equals(name)) {
                eachField(in, value, (key, claims) -> {
                    if ("claims".equals(key)) {
                        eachField(in, claims, (claim, sub) -> {
                            String text = text(in, sub);
                            if ("sub".equals(claim)) {
                                fields.callerId = text == null || text.isBlank() ? null : text;
                            }
                        });
                    } else {
                        in.skipChildren();
                    }
                });
            } else {
                in.skipChildren();
            }
        });
    }

    /** The string at the current token, or null for anything else (skipped). */
    private static String text(JsonParser in, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_STRING) {
            return in.getText();
        }
        in.skipChildren();
        return null;
    }

    /**
     * A multi-value map's values: all of them joined with ", " (a header's, as HTTP allows), or the last (a query
     * parameter's, as in the single-value map).
     */
    private static String values(JsonParser in, JsonToken start, boolean joinAll) throws IOException {
        if (start != JsonToken.START_ARRAY) {
            return text(in, start);
        }
        String values = null;
        for (JsonToken item = in.nextToken(); item != JsonToken.END_ARRAY; item = in.nextToken()) {
            String value = text(in, item);
            if (value != null) {
                values = values == null || !joinAll ? value : values + ", " + value;
            }
        }
        return values;
    }

    /** The proxy response API Gateway turns into the HTTP answer; a null body (304, preflight) is left out. */
    static void write(ApiResponse response, OutputStream out) throws IOException {
        try (JsonGenerator json = JSON.createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
            json.writeStartObject();
            json.writeNumberField("statusCode", response.status());
            json.writeObjectFieldStart("headers");
            for (Map.Entry<String, String> header : response.headers().entrySet()) {
                json.writeStringField(header.getKey(), header.getValue());
            }
            json.writeEndObject();
            if (response.body() != null) {
                json.writeStringField("body", response.body());
            }
            json.writeBooleanField("isBase64Encoded", false);
            json.writeEndObject();
        }
    }
}
