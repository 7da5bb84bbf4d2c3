package com.jobstatus.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.jobstatus.auth.IdTokenVerifier;
import com.jobstatus.auth.Jwks;
import com.jobstatus.schemas.Json;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The emulated API Gateway over raw HTTP: whatever arrives, the answer is JSON, never the HTML a Java HTTP
 * server writes for a request it cannot parse. A function stands in for GetJobFn and echoes what it got.
 */
class ApiGatewayEmulatorTest {

    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final ApiGatewayEmulator api = ApiGatewayEmulator.start(0,
            List.of(new Route("GET", "/v1/jobs", false, "Fn"), new Route("GET", "/v1/jobs/{id}", false, "Fn")),
            Map.of("Fn", new ApiGatewayEmulator.Function("Fn-test", (in, out, context) -> {
                JsonNode event = Json.MAPPER.readTree(in);
                received.add(event);
                String path = event.path("path").asText();
                if ("/v1/jobs/boom".equals(path)) {
                    throw new IllegalStateException("boom");
                }
                String body = "{\"path\":" + Json.MAPPER.getNodeFactory().textNode(path) + ",\"body\":"
                        + Json.MAPPER.getNodeFactory().textNode(event.path("body").isNull() ? "null"
                        : event.path("body").asText()) + "}";
                Json.MAPPER.writeValue(out, Map.of("statusCode", 200, "headers",
                        Map.of("Content-Type", "application/json", "ETag", "\"e1\""), "body", body));
            })),
            new CognitoAuthorizer(new IdTokenVerifier(Jwks.parse(new JWKSet().toString()), "https://issuer",
                    Set.of("client"), Clock.systemUTC())),
            UnaryOperator.identity(), "v1", Clock.systemUTC(),
            new PrintStream(log, true, StandardCharsets.UTF_8));

    @AfterEach
    void stop() {
        api.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "GET /v1/jobs?cursor=%ZZ HTTP/1.1",
            "GET /v1/jobs?cursor=abc% HTTP/1.1",
            "GET /v1/jobs?%G1=x HTTP/1.1",
            "GET /v1/jobs/%ZZ HTTP/1.1",
            "GET /v1/jobs/a%2 HTTP/1.1",
            "GET /v1/jobs\u0001 HTTP/1.1",
            "GET /v1/jobs HTTP/9",
            "GET  /v1/jobs HTTP/1.1",
            "G(T /v1/jobs HTTP/1.1",
            "hello",
            "GET v1/jobs HTTP/1.1"})
    void aRequestLineThatCannotBeParsedIsA400WithAJsonBody(String requestLine) {
        Answer answer = raw(requestLine + "\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertJsonError(answer, 400);
        assertTrue(received.isEmpty(), "the function is not called");
    }

    @Test
    void badHeadersAndBodiesAreA400WithAJsonBody() {
        for (String request : List.of(
                "GET /v1/jobs HTTP/1.1\r\nBad Header: x\r\nConnection: close\r\n\r\n",
                "GET /v1/jobs HTTP/1.1\r\n folded: x\r\nConnection: close\r\n\r\n",
                "GET /v1/jobs HTTP/1.1\r\nNo colon here\r\nConnection: close\r\n\r\n",
                "POST /v1/jobs HTTP/1.1\r\nContent-Length: abc\r\nConnection: close\r\n\r\n",
                "POST /v1/jobs HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\nConnection: close\r\n\r\nab",
                "POST /v1/jobs HTTP/1.1\r\nTransfer-Encoding: gzip\r\nConnection: close\r\n\r\n",
                "POST /v1/jobs HTTP/1.1\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n")) {
            assertJsonError(raw(request), 400);
        }
        assertTrue(received.isEmpty());
    }

    @Test
    void headersLargerThanTheLimitAreA413WithAJsonBodyNotAClosedConnection() {
        Answer answer = raw("GET /v1/jobs HTTP/1.1\r\nX-Big: " + "x".repeat(LocalHttpServer.MAX_HEAD_BYTES)
                + "\r\nConnection: close\r\n\r\n");

        assertJsonError(answer, 413);
    }

    @Test
    void aMethodOrPathTheApiDoesNotHaveIsApiGatewaysJson403() {
        for (String request : List.of("BREW /v1/jobs HTTP/1.1", "HEAD /v1/jobs HTTP/1.1", "GET /v1/nothing HTTP/1.1",
                "GET * HTTP/1.1", "DELETE /v1/jobs/x HTTP/1.1")) {
            Answer answer = raw(request + "\r\nConnection: close\r\n\r\n");
            assertEquals(403, answer.status(), request);
            if (!request.startsWith("HEAD")) {
                assertEquals("Missing Authentication Token", json(answer).path("message").asText(), request);
            }
        }
    }

    @Test
    void whatApiGatewayAcceptsIsPassedOnDecodedAsApiGatewayDoes() {
        Answer answer = raw("GET /v1/jobs/a%20b?status={x}&cursor=%41%42&cursor=z+y HTTP/1.1\r\n"
                + "Host: localhost\r\nConnection: close\r\n\r\n");

        assertEquals(200, answer.status(), answer.toString());
        JsonNode event = received.getFirst();
        assertEquals("a b", event.path("pathParameters").path("id").asText());
        assertEquals("{x}", event.path("queryStringParameters").path("status").asText());
        assertEquals(Json.MAPPER.valueToTree(List.of("AB", "z y")),
                event.path("multiValueQueryStringParameters").path("cursor"));
        assertEquals("\"e1\"", answer.headers().get("etag"));
    }

    @Test
    void aChunkedBodyReachesTheFunctionAndTheConnectionIsKeptForTheNextRequest() throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), api.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /v1/jobs HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n"
                    + "GET /v1/jobs/x HTTP/1.1\r\nContent-Length: 2\r\n\r\nhi").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            Answer first = Answer.read(in);
            Answer second = Answer.read(in);
            assertEquals("abcde", json(first).path("body").asText());
            assertEquals("/v1/jobs/x", json(second).path("path").asText());
            assertEquals("hi", json(second).path("body").asText());
        }
    }

    @Test
    void aFunctionThatFailsIsApiGatewaysJson502() {
        Answer answer = raw("GET /v1/jobs/boom HTTP/1.1\r\nConnection: close\r\n\r\n");

        assertEquals(502, answer.status());
        assertEquals("Internal server error", json(answer).path("message").asText());
    }

    @Test
    void anHttpClientGetsTheFunctionsAnswerWithItsHeadersAsTheFunctionNamedThem() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + api.port() + "/v1/jobs/job-1?x=1")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode());
        assertEquals("/v1/jobs/job-1", Json.MAPPER.readTree(response.body()).path("path").asText());
        assertTrue(response.headers().firstValue("x-amzn-RequestId").isPresent());
    }

    private static void assertJsonError(Answer answer, int status) {
        assertEquals(status, answer.status(), answer.toString());
        assertEquals("application/json", answer.headers().get("content-type"), answer.toString());
        JsonNode body = json(answer);
        assertTrue(body.path("message").isTextual() && !body.path("message").asText().isBlank(), answer.toString());
        assertTrue(answer.headers().containsKey("x-amzn-requestid"), answer.toString());
    }

    private static JsonNode json(Answer answer) {
        try {
            return Json.MAPPER.readTree(answer.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + answer, e);
        }
    }

    private Answer raw(String request) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), api.port())) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return Answer.read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One HTTP/1.1 response as read off the wire: header names in lower case. */
    record Answer(int status, Map<String, String> headers, String body) {

        static Answer read(InputStream in) throws IOException {
            String statusLine = line(in);
            if (statusLine == null) {
                throw new AssertionError("the connection was closed without an answer");
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            String length = headers.get("content-length");
            byte[] body = length == null ? new byte[0] : in.readNBytes(Integer.parseInt(length));
            return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
        }

        private static String line(InputStream in) throws IOException {
            List<Byte> bytes = new ArrayList<>();
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                if (b != '\r') {
                    bytes.add((byte) b);
                }
            }
            if (b == -1 && bytes.isEmpty()) {
                return null;
            }
            byte[] out = new byte[bytes.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = bytes.get(i);
            }
            return new String(out, StandardCharsets.ISO_8859_1);
        }
    }
}
