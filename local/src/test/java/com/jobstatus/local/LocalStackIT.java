package com.jobstatus.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.jobstatus.localaws.MotoServer;
import com.jobstatus.schemas.EventJson;
import com.jobstatus.schemas.JobStatus;
import com.jobstatus.schemas.Json;
import com.jobstatus.schemas.PlatformEvents;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The local stack as its users meet it: started in-process on free ports, used only through what it
 * publishes (stack.json): an AWS SDK EventBridge client publishes, the SDK's Cognito client signs in, and the
 * API is called over HTTP.
 */
class LocalStackIT {

    private static final Duration AWAIT = Duration.ofSeconds(20);
    private static final Duration DEMO_STEP = Duration.ofMillis(500);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;
    private static final ByteArrayOutputStream PRINTED = new ByteArrayOutputStream();
    private static LocalStack stack;
    private static JsonNode stackJson;
    private static EventBridgeClient events;
    private static CognitoIdentityProviderClient cognito;
    private static SqsClient sqs;

    @BeforeAll
    static void startTheStack() throws Exception {
        PrintStream printed = new PrintStream(new TeeOutputStream(PRINTED, System.out), true, StandardCharsets.UTF_8);
        LocalConfig config = new LocalConfig(MotoServer.freePort(), MotoServer.freePort(), "us-east-1", Map.of(),
                dir.resolve("stack.json"), dir, true, DEMO_STEP);
        stack = LocalStack.start(config, printed);
        stackJson = Json.MAPPER.readTree(Files.readString(dir.resolve("stack.json")));
        URI endpoint = URI.create(stackJson.path("awsEndpoint").asText());
        Region region = Region.of(stackJson.path("region").asText());
        StaticCredentialsProvider anyCredentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b"));
        events = EventBridgeClient.builder().endpointOverride(endpoint).region(region)
                .credentialsProvider(anyCredentials).httpClient(UrlConnectionHttpClient.create()).build();
        sqs = SqsClient.builder().endpointOverride(endpoint).region(region)
                .credentialsProvider(anyCredentials).httpClient(UrlConnectionHttpClient.create()).build();
        // InitiateAuth is unsigned in AWS: a browser app or FalInvoker's tests have no AWS credentials for it
        cognito = CognitoIdentityProviderClient.builder().endpointOverride(endpoint).region(region)
                .credentialsProvider(AnonymousCredentialsProvider.create()).httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterAll
    static void stopTheStack() {
        if (events != null) {
            events.close();
            sqs.close();
            cognito.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    // ------------------------------------------------------------------ the job lifecycle, end to end

    @Test
    void aJobsLifecyclePublishedToTheBusIsSeenThroughTheApi() throws Exception {
        String jobId = "it-lifecycle-" + System.nanoTime();
        String token = signIn(0).idToken();
        String owner = user(0).path("sub").asText();
        Instant start = Instant.now();

        publish(jobId, owner, JobStatus.QUEUED, start, null, null);
        JsonNode queued = awaitJob(jobId, token, job -> job.path("status").asText().equals("QUEUED"));
        assertEquals(jobId, queued.path("jobId").asText());

        publish(jobId, owner, JobStatus.PROCESSING, start.plusSeconds(1), 40, null);
        JsonNode processing = awaitJob(jobId, token, job -> job.path("status").asText().equals("PROCESSING"));
        assertEquals(40, processing.path("progress").asInt());

        publish(jobId, owner, JobStatus.COMPLETED, start.plusSeconds(2), null, "https://videos.example.com/it.mp4");
        JsonNode completed = awaitJob(jobId, token, job -> job.path("status").asText().equals("COMPLETED"));
        assertEquals("https://videos.example.com/it.mp4", completed.path("outputUrl").asText());
        assertFalse(completed.has("progress"));

        HttpResponse<String> list = get("/v1/jobs?status=COMPLETED&limit=100", token);
        assertEquals(200, list.statusCode());
        assertTrue(list.body().contains(jobId), list.body());
        // the other demo user sees it as nobody's
        assertEquals(404, get("/v1/jobs/" + jobId, signIn(1).idToken()).statusCode());
    }

    /** FalInvoker's J-02 seed, then the platform's own events: the job submitter's, the video generator's. */
    @Test
    void anItemAnotherWriterSeededReadsAndThePlatformsOwnEventsMergeIntoIt() throws Exception {
        String jobId = "it-seeded-" + System.nanoTime();
        String token = signIn(0).idToken();
        String owner = user(0).path("sub").asText();
        stack.aws().dynamo.putItem(b -> b.tableName(stackJson.path("tableName").asText()).item(Map.of(
                "jobId", AttributeValue.fromS(jobId), "status", AttributeValue.fromS("queued"),
                "createdAt", AttributeValue.fromS(Instant.now().minusSeconds(5).toString()),
                "userId", AttributeValue.fromS(owner))));
        assertEquals("QUEUED", awaitJob(jobId, token, job -> true).path("status").asText());
        HttpResponse<String> list = get("/v1/jobs?limit=100", "Bearer " + token);
        assertTrue(Json.MAPPER.readTree(list.body()).path("jobs").toString().contains(jobId), list.body());

        publishAs(PlatformEvents.JOB_SUBMITTER, PlatformEvents.JOB_SUBMITTED, Json.MAPPER.createObjectNode()
                .put("jobId", jobId).put("userId", owner).put("provider", "fal").put("model", "fal-ai/ltx-video")
                .put("timestamp", Instant.now().atOffset(ZoneOffset.UTC).toString()));
        awaitJob(jobId, token, job -> job.path("status").asText().equals("PROCESSING"));

        publishAs(PlatformEvents.VIDEO_GENERATION, PlatformEvents.VIDEO_RENDERED,
                EventJson.videoRendered(jobId, owner, "https://videos.example.com/" + jobId + ".mp4"));
        JsonNode completed = awaitJob(jobId, token, job -> job.path("status").asText().equals("COMPLETED"));
        assertEquals("https://videos.example.com/" + jobId + ".mp4", completed.path("outputUrl").asText());
    }

    @Test
    void theDemoPublishesALifecycleForDemoUser1ThatEndsCompleted() throws Exception {
        JsonNode job = awaitJob(Demo.JOB_ID, signIn(0).idToken(),
                candidate -> candidate.path("status").asText().equals("COMPLETED"));
        assertEquals(Demo.OUTPUT_URL, job.path("outputUrl").asText());
        String printed = PRINTED.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("/v1/jobs/" + Demo.JOB_ID), "the demo says what to curl");
    }

    @Test
    void anInvalidEventEndsInTheFailureQueueWithItsReason() throws Exception {
        String jobId = "it-invalid-" + System.nanoTime();
        // a PROCESSING event with an outputUrl breaks the contract (outputUrl only with COMPLETED)
        publish(jobId, user(0).path("sub").asText(), JobStatus.PROCESSING, Instant.now(), 10, "https://x.example.com/v.mp4");
        String queueUrl = stackJson.path("failureQueueUrl").asText();
        Instant deadline = Instant.now().plus(AWAIT);
        while (Instant.now().isBefore(deadline)) {
            for (Message message : sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)
                    .messageAttributeNames("All")).messages()) {
                if (message.body().contains(jobId)) {
                    assertTrue(message.messageAttributes().get("reason").stringValue().contains("outputUrl"),
                            message.messageAttributes().toString());
                    return;
                }
            }
        }
        fail("the invalid event for " + jobId + " did not reach the failure queue within " + AWAIT);
    }

    // ------------------------------------------------------------------ the authorizer

    /** The template's gateway responses (on by default): a page on any allowed origin can read the 401. */
    @Test
    void noTokenIsApiGateways401WithCorsForTheCallingOriginAndTheSharedErrorBody() throws Exception {
        for (JsonNode allowed : stackJson.path("allowedOrigins")) {
            String origin = allowed.asText();
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(api("/v1/jobs/any"))
                    .header("Origin", origin).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, response.statusCode());
            assertEquals(origin, response.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
            assertEquals("Origin", response.headers().firstValue("Vary").orElse(null));
            JsonNode body = Json.MAPPER.readTree(response.body());
            assertEquals("UNAUTHORIZED", body.path("code").asText(), response.body());
            assertEquals("Unauthorized", body.path("message").asText(), response.body());
            assertEquals(body.path("message"), body.path("error"), response.body());
            assertEquals(response.headers().firstValue("x-amzn-RequestId").orElse(null), body.path("requestId").asText());
            assertEquals("UnauthorizedException", response.headers().firstValue("x-amzn-ErrorType").orElse(null));
        }
        HttpResponse<String> noOrigin = get("/v1/jobs", null);
        assertEquals(401, noOrigin.statusCode());
        assertTrue(noOrigin.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
    }

    @Test
    void aRealTokenOfTheLocalCognitoIsRefusedOnceExpired() throws Exception {
        String token = signIn(0).idToken();
        assertEquals(404, get("/v1/jobs/it-nothing", token).statusCode(), "the token is good now");
        // moto's ID tokens last an hour: an authorizer two hours ahead sees this one expired
        try (ApiGatewayEmulator later = stack.startApi(MotoServer.freePort(),
                Clock.offset(Clock.systemUTC(), Duration.ofHours(2)))) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + later.port() + "/v1/jobs/it-nothing"))
                    .header("Authorization", token).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, response.statusCode());
            assertEquals(CognitoAuthorizer.EXPIRED, Json.MAPPER.readTree(response.body()).path("message").asText());
        }
    }

    @Test
    void theSameClaimsSignedByAnotherKeyAreRefused() throws Exception {
        SignedJWT real = SignedJWT.parse(signIn(0).idToken());
        RSAKey other = new RSAKeyGenerator(2048).keyID(real.getHeader().getKeyID()).generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(other.getKeyID()).build(),
                real.getJWTClaimsSet());
        forged.sign(new RSASSASigner(other));

        HttpResponse<String> response = get("/v1/jobs/it-nothing", forged.serialize());
        assertEquals(401, response.statusCode());
        assertEquals("Unauthorized", Json.MAPPER.readTree(response.body()).path("message").asText());
    }

    @Test
    void anAccessTokenIsRefusedTheAuthorizerTakesIdTokens() throws Exception {
        assertEquals(401, get("/v1/jobs", signIn(0).accessToken()).statusCode());
        assertEquals(200, get("/v1/jobs", "Bearer " + signIn(0).idToken()).statusCode());
    }

    // ------------------------------------------------------------------ API Gateway's routing and CORS

    @Test
    void aPreflightFromAnAllowedOriginNeedsNoTokenAndGetsTheCorsHeaders() throws Exception {
        String origin = stackJson.path("allowedOrigins").get(0).asText();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(api("/v1/jobs/any"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin).header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertEquals(origin, response.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        assertEquals("GET, OPTIONS", response.headers().firstValue("Access-Control-Allow-Methods").orElse(null));
        assertTrue(response.headers().firstValue("Access-Control-Allow-Headers").orElse("").contains("Authorization"));
        assertEquals("Origin", response.headers().firstValue("Vary").orElse(null));

        HttpResponse<String> other = HTTP.send(HttpRequest.newBuilder(api("/v1/jobs"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example.com").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, other.statusCode());
        assertTrue(other.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
    }

    @Test
    void aRouteTheApiDoesNotHaveIsMissingAuthenticationToken() throws Exception {
        for (HttpRequest request : List.of(
                HttpRequest.newBuilder(api("/v1/nothing")).build(),
                HttpRequest.newBuilder(api("/v1/jobs/a/b")).build(),
                HttpRequest.newBuilder(api("/v1/jobs")).POST(HttpRequest.BodyPublishers.ofString("{}")).build())) {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(403, response.statusCode(), request.toString());
            JsonNode body = Json.MAPPER.readTree(response.body());
            assertEquals("Missing Authentication Token", body.path("message").asText(), response.body());
            assertEquals("NOT_FOUND", body.path("code").asText(), response.body());
        }
    }

    @Test
    void aMalformedPercentEscapeIsAJson400AsApiGatewayAnswersNotAnHtmlPage() throws Exception {
        URI api = api("/");
        for (String target : List.of("/v1/jobs?cursor=%ZZ", "/v1/jobs/%ZZ")) {
            try (Socket socket = new Socket(api.getHost(), api.getPort())) {
                socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: " + api.getAuthority()
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
                assertTrue(answer.toLowerCase(Locale.ROOT).contains("\r\ncontent-type: application/json\r\n"), answer);
                JsonNode body = Json.MAPPER.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
                assertTrue(body.path("message").asText().contains("percent-escape"), answer);
            }
        }
    }

    @Test
    void stackJsonSaysWhereEverythingIs() {
        for (String field : List.of("apiUrl", "awsEndpoint", "region", "stage", "tableName", "eventBusName",
                "eventSource", "detailType", "userPoolId", "userPoolClientId", "users", "allowedOrigins",
                "webSocketUrl", "connectionsTableName", "pushFailureQueueUrl")) {
            assertTrue(stackJson.hasNonNull(field), field);
        }
        assertEquals("dev", stackJson.path("stage").asText());
        assertEquals("Jobs-dev", stackJson.path("tableName").asText());
        assertEquals(2, stackJson.path("users").size());
        assertNotNull(user(1).path("sub").asText(null));
        assertTrue(PRINTED.toString(StandardCharsets.UTF_8).contains(stackJson.path("userPoolClientId").asText()),
                "the same is printed");
    }

    // ------------------------------------------------------------------ the printed examples, run as printed

    @Test
    void thePrintedExamplesWorkExactlyAsPrintedInBash() throws Exception {
        List<Examples.Example> printed = PrintedExamples.parse(PRINTED.toString(StandardCharsets.UTF_8));
        assertEquals(Examples.of(stack.info(), Instant.now(), Demo.JOB_ID).size(), printed.size(),
                "every example is printed as a comment and one command");
        try (PrintedExamples.Bash bash = PrintedExamples.Bash.start()) {
            bash.requireAwsCli();
            for (Examples.Example example : printed) {
                PrintedExamples.Expectation expectation = PrintedExamples.expectationFor(example.command());
                if (example.command().startsWith("node ")) {
                    publishWhenConnected("it-watched-" + System.nanoTime());
                }
                PrintedExamples.Result result = bash.run(example.command());
                Instant deadline = Instant.now().plus(AWAIT);
                // the API shows an event once the projector applied it: run the same command again until then
                while (expectation.eventually() && !expectation.test(result) && Instant.now().isBefore(deadline)) {
                    result = bash.run(example.command());
                }
                assertTrue(expectation.test(result), "printed example\n  " + example.command() + "\ngave exit "
                        + result.exitCode() + ":\n" + result.output());
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    /**
     * For the printed WebSocket example, which watches demo1's jobs until one finishes: once its connection is open
     * (the WebSocket API counts it), publishes a job of demo1 that completes. In the background: bash runs the example.
     */
    private static void publishWhenConnected(String jobId) {
        stack.webSocketApi().nextConnection().orTimeout(AWAIT.toMillis(), TimeUnit.MILLISECONDS)
                .thenRun(() -> publish(jobId, user(0).path("sub").asText(), JobStatus.COMPLETED, Instant.now(), null,
                        "https://videos.example.com/" + jobId + ".mp4"));
    }

    private static JsonNode user(int index) {
        return stackJson.path("users").get(index);
    }

    private static AuthenticationResultType signIn(int userIndex) {
        return cognito.initiateAuth(b -> b.clientId(stackJson.path("userPoolClientId").asText())
                .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", user(userIndex).path("username").asText(),
                        "PASSWORD", user(userIndex).path("password").asText()))).authenticationResult();
    }

    private static void publish(String jobId, String userId, JobStatus status, Instant occurredAt, Integer progress,
                                String outputUrl) {
        PutEventsResponse response = events.putEvents(b -> b.entries(e -> e
                .eventBusName(stackJson.path("eventBusName").asText())
                .source(stackJson.path("eventSource").asText())
                .detailType(stackJson.path("detailType").asText())
                .detail(EventJson.detail(jobId, userId, status, occurredAt, progress, outputUrl).toString())));
        assertEquals(0, response.failedEntryCount(), response.toString());
    }

    private static void publishAs(String source, String detailType, JsonNode detail) {
        PutEventsResponse response = events.putEvents(b -> b.entries(e -> e
                .eventBusName(stackJson.path("eventBusName").asText())
                .source(source).detailType(detailType).detail(detail.toString())));
        assertEquals(0, response.failedEntryCount(), response.toString());
    }

    private static URI api(String pathAndQuery) {
        return URI.create(stackJson.path("apiUrl").asText() + pathAndQuery);
    }

    private static HttpResponse<String> get(String pathAndQuery, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(api(pathAndQuery));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Polls the API (bounded) until the job is there and as expected; events are applied asynchronously. */
    private static JsonNode awaitJob(String jobId, String token, Predicate<JsonNode> expected) throws Exception {
        Instant deadline = Instant.now().plus(AWAIT);
        HttpResponse<String> last = null;
        while (Instant.now().isBefore(deadline)) {
            last = get("/v1/jobs/" + jobId, token);
            if (last.statusCode() == 200 && expected.test(Json.MAPPER.readTree(last.body()))) {
                assertEquals("application/json", last.headers().firstValue("Content-Type").orElse(null));
                return Json.MAPPER.readTree(last.body());
            }
            Thread.sleep(100); // between polls of the API, not a wait for something in particular
        }
        fail("job " + jobId + " not as expected through the API within " + AWAIT + "; last answer: "
                + (last == null ? "none" : last.statusCode() + " " + last.body()));
        return null;
    }

    @Test
    void theApiAnswersWithTheRequestIdApiGatewayGaveTheEvent() throws Exception {
        HttpResponse<String> response = get("/v1/jobs/it-nothing", signIn(0).idToken());
        assertEquals(404, response.statusCode());
        String requestId = response.headers().firstValue("x-amzn-RequestId").orElse(null);
        assertNotNull(requestId);
        assertEquals(requestId, Json.MAPPER.readTree(response.body()).path("requestId").asText());
        assertNull(response.headers().firstValue("Access-Control-Allow-Origin").orElse(null), "no Origin sent");
    }
}
