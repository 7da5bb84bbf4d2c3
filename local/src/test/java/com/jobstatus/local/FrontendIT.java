package com.jobstatus.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.jobstatus.localaws.MotoServer;
import com.jobstatus.schemas.EventJson;
import com.jobstatus.schemas.JobStatus;
import com.jobstatus.schemas.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/**
 * The platform's frontend in a real browser, polling (issue #12) and listening for pushes (issue #16).
 *
 * <p>Polling (issue #12, item 7): headless Chromium loads
 * {@code browser/user-app.html}, which polls {@code GET /v1/jobs} exactly as the platform's user app does
 * (docs/DESIGN.md §6: Bearer ID token, {@code Content-Type: application/json}, so every call is preflighted;
 * {@code data.jobs || data || []}, found by {@code jobId}, statuses in upper case). From an allowed origin it must
 * see its job go QUEUED, PROCESSING, COMPLETED with the output URL while FalInvoker's events are published; from
 * any other origin the browser itself must refuse the page the answer.
 *
 * <p>Push (issue #16): {@code browser/push-app.html} opens the stack's WebSocket API with its ID token as
 * {@code ?token=}, as the README tells a frontend to, and must hear its job go QUEUED, PROCESSING, COMPLETED as
 * the events are published; the same page from another origin gets no connection (the browser sends its
 * {@code Origin}, and the WebSocket authorizer refuses one not in {@code AllowedOrigins}).
 *
 * <p>One local stack on free ports, its {@code AllowedOrigins} set to exactly the allowed page's origin
 * ({@code http://localhost:PORT}); the foreign page is served as {@code http://127.0.0.1:PORT2}.
 *
 * <p>Why the DevTools protocol over the JDK's WebSocket ({@link Chromium}, {@link BrowserPage}) and not Selenium
 * or Playwright: it adds no dependency (the JDK's {@code java.net.http.WebSocket} and Jackson, which the build
 * has) and needs only Debian's {@code chromium}, and a test of CORS needs what the protocol gives directly: the
 * browser's own console and network reports ({@code Log.entryAdded}, {@code Network.loadingFailed} with its CORS
 * error). Selenium would add many jars and Debian's {@code chromium-driver}, a second package to keep in step with
 * the browser, and reaches those reports only through vendor logging or DevTools bindings pinned to a few Chrome
 * versions; Playwright would bring Node and npm packages into a Java build; and either only to send the dozen
 * protocol commands this harness sends.
 *
 * <p>Skips, saying why on the console, only where no Chromium is installed; {@code .ci/run} installs it.
 */
class FrontendIT {

    /** The platform polls every 5 s; the calls are the same at any interval, and a test should not wait 5 s. */
    private static final int POLL_INTERVAL_MS = 250;
    private static final Duration AWAIT = Duration.ofSeconds(20);
    private static final String PAGE = "user-app.html";
    private static final String PUSH_PAGE = "push-app.html";
    private static final String OUTPUT_URL = "https://videos.example.com/frontend-polling-it.mp4";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String NOT_INSTALLED = Chromium.notInstalled(FrontendIT.class.getSimpleName());

    @TempDir
    static Path dir;
    private static PageServer allowedSite;
    private static PageServer foreignSite;
    private static LocalStack stack;
    private static Chromium chromium;

    @BeforeAll
    static void startTheStackTheSitesAndTheBrowser() {
        Optional<Path> executable = Chromium.installed();
        if (executable.isEmpty()) {
            System.out.println(NOT_INSTALLED);
            return; // each test then skips with the reason, so the summary counts them as skipped
        }
        long started = System.nanoTime();
        allowedSite = PageServer.start("localhost");
        foreignSite = PageServer.start("127.0.0.1");
        stack = LocalStack.start(new LocalConfig(MotoServer.freePort(), MotoServer.freePort(), "us-east-1",
                Map.of("AllowedOrigins", allowedSite.origin()), dir.resolve("stack.json"), dir, false,
                LocalConfig.DEFAULT_DEMO_STEP), System.out);
        long stackUp = System.nanoTime();
        chromium = Chromium.launch(executable.get(), dir.resolve("chromium"));
        System.out.printf("FrontendIT: local stack up in %d ms, Chromium in %d ms%n",
                Duration.ofNanos(stackUp - started).toMillis(), Duration.ofNanos(System.nanoTime() - stackUp).toMillis());
    }

    @BeforeEach
    void skipWithoutChromium() {
        Assumptions.assumeTrue(chromium != null, NOT_INSTALLED);
    }

    @AfterAll
    static void stopEverything() {
        for (AutoCloseable started : new AutoCloseable[] {chromium, stack, foreignSite, allowedSite}) {
            if (started != null) {
                try {
                    started.close();
                } catch (Exception e) {
                    System.out.println("while stopping " + started.getClass().getSimpleName() + ": " + e);
                }
            }
        }
    }

    @Test
    void aPageFromAnAllowedOriginSeesItsJobCompleteWhileEventsArePublished() {
        String jobId = "browser-allowed-" + System.nanoTime();
        LocalAws.User user = stack.info().users().getFirst();
        try (BrowserPage page = chromium.newPage()) {
            page.navigate(allowedSite.url(PAGE));
            startPolling(page, signIn(user), jobId);

            runTheLifecycle(page, jobId, user, status -> awaitStatus(page, status));
            assertEquals("COMPLETED", page.evaluate("document.getElementById('status').textContent").asText());
            // Content-Type: application/json makes the browser preflight; the preflight and every call got through
            Integer preflightStatus = firstCall(page, "OPTIONS").status();
            assertTrue(preflightStatus != null && preflightStatus / 100 == 2, page.transcript());
            assertTrue(page.requests().stream().noneMatch(request -> request.errorText() != null), page.transcript());
            assertTrue(page.reports().stream().noneMatch(report -> report.level().equals("error")), page.transcript());
        }
    }

    @Test
    void theSamePageFromAForeignOriginIsRefusedTheAnswerByTheBrowser() throws Exception {
        String jobId = "browser-foreign-" + System.nanoTime();
        LocalAws.User user = stack.info().users().getFirst();
        String token = signIn(user);
        try (BrowserPage page = chromium.newPage()) {
            page.navigate(foreignSite.url(PAGE));
            startPolling(page, token, jobId);

            String error = page.await("window.seen.errors[0]", AWAIT, "the foreign page's first poll failing").asText();
            assertEquals("TypeError: Failed to fetch", error, page.transcript());
            assertEquals(List.of(), strings(page.evaluate("window.seen.statuses")), "the page saw no job");
            // the browser says why: the API's answer did not allow this origin
            assertTrue(page.reports().stream().anyMatch(report -> report.kind().equals("log")
                            && report.text().contains("from origin '" + foreignSite.origin() + "' has been blocked by CORS policy")
                            && report.text().contains("No 'Access-Control-Allow-Origin' header is present")),
                    page.transcript());
            assertEquals("PreflightMissingAllowOriginHeader", firstCall(page, "GET").corsError(), page.transcript());
            // ... although the API did answer: its preflight reached the browser, only not allowing this origin
            Integer preflightStatus = firstCall(page, "OPTIONS").status();
            assertTrue(preflightStatus != null && preflightStatus / 100 == 2, page.transcript());
        }

        // and the call itself is answered too, outside a browser: only the browser keeps the answer from the page
        HttpResponse<String> list = HTTP.send(HttpRequest.newBuilder(URI.create(stack.info().apiUrl() + "/v1/jobs"))
                .header("Origin", foreignSite.origin()).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, list.statusCode(), list.body());
        assertNull(list.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
    }

    @Test
    void aPageFromAnAllowedOriginHearsItsJobCompleteOverTheWebSocket() {
        String jobId = "browser-push-" + System.nanoTime();
        LocalAws.User user = stack.info().users().getFirst();
        try (BrowserPage page = chromium.newPage()) {
            page.navigate(allowedSite.url(PUSH_PAGE));
            startWatching(page, signIn(user), jobId);
            page.await("window.seen.opened || window.seen.closed !== null", AWAIT, "the page's WebSocket opening");
            assertTrue(page.evaluate("window.seen.opened").asBoolean(), "refused: " + page.transcript());

            runTheLifecycle(page, jobId, user, status -> awaitPushed(page, status));
            assertTrue(page.evaluate("window.seen.closed").isNull(), "the connection stays open: " + page.transcript());
        }
    }

    @Test
    void theSamePushPageFromAForeignOriginGetsNoConnection() {
        try (BrowserPage page = chromium.newPage()) {
            page.navigate(foreignSite.url(PUSH_PAGE));
            startWatching(page, signIn(stack.info().users().getFirst()), "browser-push-foreign");

            page.await("window.seen.closed !== null", AWAIT, "the foreign page's WebSocket being refused");
            assertFalse(page.evaluate("window.seen.opened").asBoolean(), page.transcript());
            assertEquals(List.of("WebSocket error"), strings(page.evaluate("window.seen.errors")), page.transcript());
            // the browser says why: the handshake was answered 403 (the authorizer refused this Origin)
            assertTrue(page.reports().stream().anyMatch(report -> report.text().contains("Unexpected response code: 403")),
                    page.transcript());
        }
    }

    /**
     * Issue #13 item 5: a bad or expired token gets the authorizer's 401 before the function runs. With the
     * template's gateway responses (the default) the browser lets the page read it, status and body, so the app can
     * tell "sign in again" from "offline" (a network error). A page of another origin cannot even send its token:
     * the call is preflighted and the preflight, answered by the function, allows only the configured origins; what
     * it can read is the 401 of a call without one (the origin is echoed: docs/DESIGN.md §6).
     */
    @Test
    void aPageReadsTheAuthorizers401WithItsErrorBodyRatherThanANetworkError() {
        try (BrowserPage page = chromium.newPage()) {
            page.navigate(allowedSite.url(PAGE));
            JsonNode answer = page.evaluate(call("Bearer " + "not-a-token"));
            assertEquals(401, answer.path("status").asInt(), answer + "\n" + page.transcript());
            assertEquals("UNAUTHORIZED", answer.path("body").path("code").asText(), answer.toString());
            assertEquals("Unauthorized", answer.path("body").path("message").asText(), answer.toString());
            assertEquals(answer.path("body").path("message"), answer.path("body").path("error"), answer.toString());
        }
        try (BrowserPage page = chromium.newPage()) {
            page.navigate(foreignSite.url(PAGE));
            assertEquals("TypeError: Failed to fetch", page.evaluate(call("Bearer " + "not-a-token")).path("error")
                    .asText(), page.transcript());
            assertEquals("PreflightMissingAllowOriginHeader", firstCall(page, "GET").corsError(), page.transcript());
            JsonNode withoutToken = page.evaluate(call(null));
            assertEquals(401, withoutToken.path("status").asInt(), withoutToken + "\n" + page.transcript());
            assertEquals("UNAUTHORIZED", withoutToken.path("body").path("code").asText(), withoutToken.toString());
        }
    }

    /**
     * A call of the list as the platform's app makes it (with {@code Content-Type: application/json}, so
     * preflighted), or with no headers at all when {@code authorization} is null (a simple request, not
     * preflighted): the status and body the page could read, or the error it got.
     */
    private static String call(String authorization) {
        String headers = authorization == null ? "{}" : Json.MAPPER.createObjectNode().put("Authorization", authorization)
                .put("Content-Type", "application/json").toString();
        return "fetch(" + Json.MAPPER.getNodeFactory().textNode(stack.info().apiUrl() + "/v1/jobs") + ", {headers: "
                + headers + "}).then(async res => ({status: res.status, body: await res.json()}))"
                + ".catch(error => ({error: String(error)}))";
    }

    /**
     * Publishes the job's QUEUED, PROCESSING (50 %) and COMPLETED, each once the page has seen the one before, and
     * checks the page saw exactly those, the output URL, and no error.
     */
    private static void runTheLifecycle(BrowserPage page, String jobId, LocalAws.User user, Consumer<String> awaitSeen) {
        Instant start = Instant.now();
        publish(jobId, user.sub(), JobStatus.QUEUED, start, null, null);
        awaitSeen.accept("QUEUED");
        publish(jobId, user.sub(), JobStatus.PROCESSING, start.plusSeconds(1), 50, null);
        awaitSeen.accept("PROCESSING");
        publish(jobId, user.sub(), JobStatus.COMPLETED, start.plusSeconds(2), null, OUTPUT_URL);
        awaitSeen.accept("COMPLETED");

        JsonNode seen = page.evaluate("window.seen");
        assertEquals(List.of("QUEUED", "PROCESSING", "COMPLETED"), strings(seen.path("statuses")), page.transcript());
        assertEquals(OUTPUT_URL, seen.path("outputUrl").asText(), page.transcript());
        assertEquals(List.of(), strings(seen.path("errors")), page.transcript());
    }

    /** Hands the page its ID token and job and opens its WebSocket. */
    private static void startWatching(BrowserPage page, String idToken, String jobId) {
        page.evaluate("startWatching(" + Json.MAPPER.createObjectNode().put("webSocketUrl", stack.info().webSocketUrl())
                .put("idToken", idToken).put("jobId", jobId) + ")");
    }

    /** Until the page has heard the status, or its connection failed or closed: then it fails at once. */
    private static void awaitPushed(BrowserPage page, String status) {
        page.await("window.seen.statuses.includes('" + status + "') || window.seen.errors.length > 0"
                + " || window.seen.closed !== null", AWAIT, "the page hearing its job " + status);
        JsonNode seen = page.evaluate("window.seen");
        if (!seen.path("statuses").toString().contains('"' + status + '"')) {
            fail("the page's connection failed or closed (" + seen + ") before it heard " + status + "\n"
                    + page.transcript());
        }
    }

    /** The page's first request of the list with that method, as the browser saw it. */
    private static BrowserPage.Request firstCall(BrowserPage page, String method) {
        String list = stack.info().apiUrl() + "/v1/jobs";
        return page.requests().stream().filter(request -> request.url().equals(list) && request.method().equals(method))
                .findFirst().orElseThrow(() -> new AssertionError("no " + method + " " + list + "\n" + page.transcript()));
    }

    /** Hands the page its ID token and job, as the app gets them after sign-in, and starts its polling. */
    private static void startPolling(BrowserPage page, String idToken, String jobId) {
        page.evaluate("startPolling(" + Json.MAPPER.createObjectNode().put("api", stack.info().apiUrl())
                .put("idToken", idToken).put("jobId", jobId).put("intervalMs", POLL_INTERVAL_MS) + ")");
    }

    /**
     * Until the page has seen the status, or a poll of it has failed: a failing page fails the test at once, with
     * the page's own error (for the list before issue #12: {@code TypeError: jobs.find is not a function}).
     */
    private static void awaitStatus(BrowserPage page, String status) {
        page.await("window.seen.statuses.includes('" + status + "') || window.seen.errors.length > 0", AWAIT,
                "the page seeing its job " + status);
        List<String> errors = strings(page.evaluate("window.seen.errors"));
        if (!errors.isEmpty()) {
            fail("the page's polls failed with " + errors + " before it saw " + status + "\n" + page.transcript());
        }
    }

    /** Signs in through the local Cognito, as the app does: USER_PASSWORD_AUTH, keeping the ID token. */
    private static String signIn(LocalAws.User user) {
        return stack.aws().cognito.initiateAuth(b -> b.clientId(stack.info().userPoolClientId())
                        .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                        .authParameters(Map.of("USERNAME", user.username(), "PASSWORD", user.password())))
                .authenticationResult().idToken();
    }

    /** Publishes to the local bus with the AWS SDK, as FalInvoker does. */
    private static void publish(String jobId, String userId, JobStatus status, Instant occurredAt, Integer progress,
                                String outputUrl) {
        StackInfo info = stack.info();
        PutEventsResponse response = stack.aws().events.putEvents(b -> b.entries(e -> e
                .eventBusName(info.eventBusName()).source(info.eventSource()).detailType(info.detailType())
                .detail(EventJson.detail(jobId, userId, status, occurredAt, progress, outputUrl).toString())));
        assertEquals(0, response.failedEntryCount(), response.toString());
    }

    private static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asText).toList();
    }
}
