package com.jobstatus.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.jobstatus.connections.Connection;
import com.jobstatus.connections.ConnectionsTable;
import com.jobstatus.localaws.MotoServer;
import com.jobstatus.schemas.EventJson;
import com.jobstatus.schemas.JobStatus;
import com.jobstatus.schemas.Json;
import com.jobstatus.schemas.JsonSchemas;
import com.networknt.schema.Schema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/**
 * The real-time push on the local stack, over real WebSockets (the JDK's client, as a frontend's): events published
 * to the bus go through ProjectorFn, the Jobs table's stream and PushFn to the owner's connections, through the
 * emulated {@code @connections} API, with the real authorizer and connect handler on {@code $connect}.
 */
class PushIT {

    private static final Duration AWAIT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Schema JOB_SCHEMA = JsonSchemas.load(JsonSchemas.JOB);

    @TempDir
    static Path dir;
    private static LocalStack stack;
    private static String demo1Token;
    private static String demo2Token;
    private static String demo1;
    private static String demo2;

    @BeforeAll
    static void startTheStack() {
        stack = LocalStack.start(new LocalConfig(MotoServer.freePort(), MotoServer.freePort(), "us-east-1", Map.of(),
                dir.resolve("stack.json"), dir, false, LocalConfig.DEFAULT_DEMO_STEP), System.out);
        demo1 = stack.info().users().get(0).sub();
        demo2 = stack.info().users().get(1).sub();
        demo1Token = signIn(0);
        demo2Token = signIn(1);
    }

    @AfterAll
    static void stopTheStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void eachConnectionGetsItsOwnersJobsAsTheReadApiShowsThemAndNeverAnotherUsers() throws Exception {
        String job1 = "push-own-" + System.nanoTime();
        String job2 = "push-other-" + System.nanoTime();
        try (WsClient a = connect(demo1Token); WsClient b = connect(demo1Token); WsClient other = connect(demo2Token)) {
            a.send("{\"action\":\"ping\"}"); // ignored ($default is a mock), and the connection stays open
            Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            publish(entry(job1, demo1, JobStatus.QUEUED, t, null, null), entry(job2, demo2, JobStatus.QUEUED, t, null, null));
            publish(entry(job1, demo1, JobStatus.COMPLETED, t.plusSeconds(1), null, "https://videos.example.com/1.mp4"),
                    entry(job2, demo2, JobStatus.COMPLETED, t.plusSeconds(1), null, "https://videos.example.com/2.mp4"));

            for (WsClient own : List.of(a, b)) {
                List<String> got = own.awaitMessage(m -> m.contains(job1) && m.contains("COMPLETED"), AWAIT);
                assertTrue(got.stream().noneMatch(m -> m.contains(job2)), "demo1 got demo2's job: " + got);
                for (String message : got) {
                    assertEquals(List.of(), JOB_SCHEMA.validate(Json.MAPPER.readTree(message)).stream()
                            .map(Object::toString).toList(), message);
                }
                // the same JSON as GET /v1/jobs/{id}, byte for byte
                assertEquals(get("/v1/jobs/" + job1, demo1Token), got.getLast());
            }
            List<String> theirs = other.awaitMessage(m -> m.contains(job2) && m.contains("COMPLETED"), AWAIT);
            assertTrue(theirs.stream().noneMatch(m -> m.contains(job1)), "demo2 got demo1's job: " + theirs);
        }
    }

    @Test
    void aBurstOfEventsForOneJobArrivesInStoredOrderAndTheLastMessageIsTheFinalState() throws Exception {
        String job = "push-burst-" + System.nanoTime();
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<PutEventsRequestEntry> burst = new ArrayList<>();
        burst.add(entry(job, demo1, JobStatus.QUEUED, t, null, null));
        for (int i = 1; i <= 8; i++) {
            burst.add(entry(job, demo1, JobStatus.PROCESSING, t.plusSeconds(i), 10 * i, null));
        }
        burst.add(entry(job, demo1, JobStatus.COMPLETED, t.plusSeconds(9), null, "https://videos.example.com/b.mp4"));
        Collections.shuffle(burst, new Random(16));
        try (WsClient client = connect(demo1Token)) {
            publish(burst.toArray(PutEventsRequestEntry[]::new));
            client.awaitMessage(m -> m.contains(job) && m.contains("COMPLETED"), AWAIT);
            // everything PushFn sends for the burst comes before a later change: the stream is in order
            String sentinel = "push-sentinel-" + System.nanoTime();
            publish(entry(sentinel, demo1, JobStatus.QUEUED, Instant.now(), null, null));
            List<String> got = client.awaitMessage(m -> m.contains(sentinel), AWAIT);

            List<JsonNode> states = new ArrayList<>();
            for (String message : got) {
                if (message.contains(job)) {
                    states.add(Json.MAPPER.readTree(message));
                }
            }
            assertEquals("COMPLETED", states.getLast().path("status").asText(), "the final state is last: " + states);
            assertEquals(Json.MAPPER.readTree(get("/v1/jobs/" + job, demo1Token)), states.getLast());
            for (int i = 1; i < states.size(); i++) {
                // stored states only move forward: (status rank, updatedAt) never goes back, createdAt never forward
                // (an earlier event seen late moves createdAt back without changing the rest)
                JsonNode before = states.get(i - 1);
                JsonNode after = states.get(i);
                assertTrue(key(before).compareTo(key(after)) <= 0, "out of order: " + states);
                assertTrue(before.path("createdAt").asText().compareTo(after.path("createdAt").asText()) >= 0, "" + states);
                assertFalse(before.equals(after), "each message is a new stored state: " + states);
            }
        }
    }

    @Test
    void aConnectionWhoseDisconnectWasLostIsForgottenAtItsFirstPushAndTheOthersStillGetIt() throws Exception {
        String lost = "lostConnection0=";
        stack.aws().dynamo.putItem(b -> b.tableName(stack.info().connectionsTableName()).item(Map.of(
                ConnectionsTable.KEY, AttributeValue.fromS(lost),
                ConnectionsTable.INDEX_PARTITION, AttributeValue.fromS(demo1),
                "connectedAt", AttributeValue.fromS("2024-06-25T12:00:00.000Z"),
                ConnectionsTable.TTL_ATTRIBUTE, AttributeValue.fromN(Long.toString(
                        Connection.opened(lost, demo1, Instant.now()).ttl())))));
        String job = "push-gone-" + System.nanoTime();
        try (WsClient client = connect(demo1Token)) {
            publish(entry(job, demo1, JobStatus.QUEUED, Instant.now(), null, null));
            client.awaitMessage(m -> m.contains(job), AWAIT);
            String sentinel = "push-sentinel-" + System.nanoTime();
            publish(entry(sentinel, demo1, JobStatus.QUEUED, Instant.now(), null, null));
            client.awaitMessage(m -> m.contains(sentinel), AWAIT);
        }
        // the record that met the Gone has been handled in full before the sentinel's
        assertFalse(stack.aws().dynamo.getItem(b -> b.tableName(stack.info().connectionsTableName())
                .key(Map.of(ConnectionsTable.KEY, AttributeValue.fromS(lost)))).hasItem(), "the lost connection is forgotten");
    }

    @Test
    void closingAConnectionForgetsIt() throws Exception {
        var disconnected = stack.webSocketApi().nextDisconnect();
        WsClient client = connect(demo2Token);
        int before = connectionsOf(demo2);
        assertTrue(before >= 1);
        client.close();
        assertNotNull(disconnected.get(AWAIT.toSeconds(), TimeUnit.SECONDS));
        assertEquals(before - 1, connectionsOf(demo2));
    }

    @Test
    void noTokenABadTokenOrAForeignBrowserOriginGetsNoConnection() throws Exception {
        String url = stack.info().webSocketUrl();
        assertEquals(401, WsClient.connect(url, null, null).refusedWith(), "no token: API Gateway's own 401");
        assertEquals(403, WsClient.connect(url, "garbage", null).refusedWith());
        assertEquals(403, WsClient.connect(url, demo1Token, "https://evil.example.com").refusedWith());
        String allowed = stack.info().allowedOrigins().getFirst();
        try (WsClient browser = WsClient.connect(url, demo1Token, allowed).client()) {
            assertNotNull(browser, "a browser on an allowed origin connects");
        }
    }

    @Test
    void anItemWrittenByAnotherWriterIsPushedToo() throws Exception {
        String job = "push-foreign-" + System.nanoTime();
        try (WsClient client = connect(demo1Token)) {
            // FalInvoker's J-02 writes items straight into the table with only the seed's attributes
            stack.aws().dynamo.putItem(b -> b.tableName(stack.info().tableName()).item(Map.of(
                    "jobId", AttributeValue.fromS(job),
                    "userId", AttributeValue.fromS(demo1),
                    "status", AttributeValue.fromS("processing"),
                    "createdAt", AttributeValue.fromS(Instant.now().truncatedTo(ChronoUnit.MILLIS).toString()))));
            List<String> got = client.awaitMessage(m -> m.contains(job), AWAIT);
            JsonNode pushed = Json.MAPPER.readTree(got.getLast());
            assertEquals("PROCESSING", pushed.path("status").asText());
            assertEquals(Json.MAPPER.readTree(get("/v1/jobs/" + job, demo1Token)), pushed);
        }
    }

    // ------------------------------------------------------------------ helpers

    private static String key(JsonNode job) {
        int rank = switch (job.path("status").asText()) {
            case "QUEUED" -> 0;
            case "PROCESSING" -> 1;
            default -> 2;
        };
        return rank + "|" + job.path("updatedAt").asText();
    }

    private static int connectionsOf(String userId) {
        return stack.aws().dynamo.query(b -> b.tableName(stack.info().connectionsTableName())
                .indexName(ConnectionsTable.INDEX_BY_USER).keyConditionExpression("#u = :u")
                .expressionAttributeNames(Map.of("#u", ConnectionsTable.INDEX_PARTITION))
                .expressionAttributeValues(Map.of(":u", AttributeValue.fromS(userId)))).count();
    }

    private static WsClient connect(String token) throws InterruptedException {
        WsClient.Attempt attempt = WsClient.connect(stack.info().webSocketUrl(), token, null);
        assertEquals(0, attempt.refusedWith(), "refused");
        return attempt.client();
    }

    private static String signIn(int user) {
        LocalAws.User u = stack.info().users().get(user);
        return stack.aws().cognito.initiateAuth(b -> b.clientId(stack.info().userPoolClientId())
                .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", u.username(), "PASSWORD", u.password())))
                .authenticationResult().idToken();
    }

    private static PutEventsRequestEntry entry(String jobId, String userId, JobStatus status, Instant occurredAt,
                                               Integer progress, String outputUrl) {
        StackInfo info = stack.info();
        return PutEventsRequestEntry.builder().eventBusName(info.eventBusName()).source(info.eventSource())
                .detailType(info.detailType())
                .detail(EventJson.detail(jobId, userId, status, occurredAt, progress, outputUrl).toString()).build();
    }

    private static void publish(PutEventsRequestEntry... entries) {
        PutEventsResponse response = stack.aws().events.putEvents(b -> b.entries(entries));
        assertEquals(0, response.failedEntryCount(), response.toString());
    }

    private static String get(String path, String token) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(stack.info().apiUrl() + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }
}
