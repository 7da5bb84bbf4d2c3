package com.jobstatus.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.jobstatus.schemas.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How API Gateway's proxy event is read and the proxy response written, apart from the API's rules. */
class ApiGatewayTest {

    @Test
    void theFilesReadAsTheirRequests() throws IOException {
        ApiRequest job = read(RequestEvent.file(EventFiles.GET_JOB).json().toString());
        assertEquals(new ApiRequest("GET", "/v1/jobs/{id}", "job-7f3c2a91", "https://video.deepfoundai.com", null,
                Map.of(), "3f8e2b6c-5d4a-4e1f-9b7c-2a1d0e9f8c7b", "b3f1c7e2-2a4d-4c6b-9e8f-0d1c2b3a4f5e"), job);

        ApiRequest list = read(RequestEvent.file(EventFiles.LIST_JOBS).json().toString());
        assertEquals("https://video.deepfoundai.com", list.origin(), "its header names are in lower case");
        assertEquals(Map.of("status", "PROCESSING", "limit", "10"), list.query());
        assertNull(list.jobId());

        ApiRequest preflight = read(RequestEvent.file(EventFiles.PREFLIGHT).json().toString());
        assertEquals("OPTIONS", preflight.method());
        assertNull(preflight.callerId(), "no authorizer on the preflight");
    }

    @Test
    void multiValueHeadersWinInEitherOrderAndJoinTheirValues() throws IOException {
        String multiFirst = "{\"multiValueHeaders\":{\"If-None-Match\":[\"\\\"a\\\"\",\"\\\"b\\\"\"]},"
                + "\"headers\":{\"If-None-Match\":\"\\\"b\\\"\",\"ORIGIN\":\"https://x.example\"}}";
        String singleFirst = "{\"headers\":{\"if-none-match\":\"\\\"b\\\"\"},"
                + "\"multiValueHeaders\":{\"IF-NONE-MATCH\":[\"\\\"a\\\"\",\"\\\"b\\\"\"]}}";

        assertEquals("\"a\", \"b\"", read(multiFirst).ifNoneMatch());
        assertEquals("https://x.example", read(multiFirst).origin(), "any case, and from the single map alone");
        assertEquals("\"a\", \"b\"", read(singleFirst).ifNoneMatch());
    }

    @Test
    void aRepeatedQueryParameterTakesItsLastValueAsApiGatewaysSingleMapDoes() throws IOException {
        assertEquals(Map.of("limit", "500", "status", "QUEUED"), read("{\"multiValueQueryStringParameters\":"
                + "{\"limit\":[\"5\",\"500\"],\"status\":[\"QUEUED\"]},\"queryStringParameters\":{\"limit\":\"500\"}}")
                .query());
        assertEquals(Map.of("limit", "5"), read("{\"queryStringParameters\":{\"limit\":\"5\"}}").query());
        assertEquals(Map.of(), read("{\"queryStringParameters\":null,\"multiValueQueryStringParameters\":null}")
                .query());
    }

    @Test
    void fieldsOfAnotherTypeOrUnknownReadAsAbsent() throws IOException {
        ApiRequest odd = read("{\"httpMethod\":1,\"resource\":[\"/v1/jobs\"],\"headers\":\"Origin\","
                + "\"pathParameters\":{\"id\":{\"S\":\"x\"},\"other\":[1,{}]},\"extra\":{\"a\":[{\"b\":null}]},"
                + "\"requestContext\":{\"authorizer\":{\"claims\":{\"sub\":42},\"principalId\":\"p\"},"
                + "\"requestId\":null,\"identity\":{\"sourceIp\":\"203.0.113.7\"}}}");
        assertEquals(new ApiRequest(null, null, null, null, null, Map.of(), null, null), odd);
        assertNull(read("{\"requestContext\":{\"authorizer\":{\"claims\":{\"sub\":\" \"}}}}").callerId(),
                "a blank sub is no caller");
        assertEquals("u", read("{\"requestContext\":{\"authorizer\":{\"lambda\":{},\"claims\":{\"iss\":\"i\","
                + "\"sub\":\"u\",\"aud\":\"a\"}}}}").callerId());
    }

    @Test
    void anEventThatIsNotAJsonObjectIsAnError() {
        for (String event : new String[] {"[]", "\"GET\"", "null", "", "{\"httpMethod\":", "{} {}"}) {
            assertThrows(IOException.class, () -> read(event), event);
        }
    }

    @Test
    void theResponseIsAProxyResponseWithItsHeadersAndBodyAsText() throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("ETag", "\"t\"");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ApiGateway.write(new ApiResponse(200, headers, "{\"jobId\":\"é\"}", "OK"), out);
        JsonNode response = Json.MAPPER.readTree(out.toByteArray());

        assertEquals(200, response.path("statusCode").asInt());
        assertEquals("\"t\"", response.path("headers").path("ETag").asText());
        assertEquals("{\"jobId\":\"é\"}", response.path("body").asText());
        assertEquals(false, response.path("isBase64Encoded").asBoolean(true));

        out.reset();
        ApiGateway.write(new ApiResponse(304, headers, null, "NOT_MODIFIED"), out);
        assertNull(Json.MAPPER.readTree(out.toByteArray()).get("body"), "no body at all");
    }

    private static ApiRequest read(String event) throws IOException {
        return ApiGateway.read(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)));
    }
}
