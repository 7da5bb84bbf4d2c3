package com.jobstatus.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jobstatus.localaws.MotoServer;
import com.jobstatus.reader.ForgedCursors;
import com.jobstatus.schemas.EventJson;
import com.jobstatus.schemas.JobStatus;
import com.jobstatus.schemas.Json;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/**
 * Issue #8's token and access matrix, against one local stack on free ports, over real HTTP.
 *
 * <p>Tokens: every way a request can carry a bad identity is refused by the authorizer with API Gateway's own
 * 401, and GetJobFn never runs. Each refused request is sent again with a valid ID token and must then succeed,
 * so a stack that refused everything fails here. The forged tokens are signed with the key moto signs the
 * pool's tokens with, and the real claims re-signed with it are accepted: each of them is refused for the one
 * thing made wrong in it, not for its signature.
 *
 * <p>The same bad tokens in the {@code token} query parameter of the WebSocket API get no connection: its
 * authorizer (WsAuthorizerFn) verifies with the same code as the REST authorizer's emulation.
 *
 * <p>Access: three users with interleaved jobs each see exactly their own, by id (another user's job looks
 * like an unknown id) and page by page through the list's cursor, which only its owner can use.
 */
class TokenMatrixIT {

    private static final Duration AWAIT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PAGE = "/v1/jobs?limit=2";
    /** Jobs per user: with two a page, the last page is half full, full, and half full after a single full one. */
    private static final List<Integer> JOBS_PER_USER = List.of(5, 4, 3);
    private static final String THIRD_USER = "matrix3";

    @TempDir
    static Path dir;
    private static LocalStack stack;
    private static RSAKey poolKey;
    private static JWTClaimsSet realClaims;
    private static AuthenticationResultType demo1Tokens;
    private static String otherPoolIdToken;
    /** demo1, demo2 and a third user made here, each with the jobs published for them, newest first. */
    private static List<Account> accounts;

    private record Account(String username, String sub, String idToken, List<Job> jobs) {
        List<String> jobIds() {
            return jobs.stream().map(Job::jobId).toList();
        }
    }

    private record Job(String jobId, Instant createdAt) {
    }

    @BeforeAll
    static void startTheStackAndPublishEveryonesJobs() throws Exception {
        long started = System.nanoTime();
        stack = LocalStack.start(new LocalConfig(MotoServer.freePort(), MotoServer.freePort(), "us-east-1", Map.of(),
                dir.resolve("stack.json"), dir, false, LocalConfig.DEFAULT_DEMO_STEP), System.out);
        long stackUp = System.nanoTime();

        demo1Tokens = signIn(stack.info().userPoolClientId(), "demo1", "Demo-pass-1");
        SignedJWT real = SignedJWT.parse(demo1Tokens.idToken());
        realClaims = real.getJWTClaimsSet();
        poolKey = MotoSigningKey.load();
        // the forged tokens below are worth something only if their signature is the pool's
        assertTrue(real.verify(new RSASSAVerifier(poolKey.toPublicJWK())), "moto's key file signs the pool's tokens");
        assertEquals(poolKey.getKeyID(), real.getHeader().getKeyID());
        otherPoolIdToken = idTokenOfAnotherPool();

        List<LocalAws.User> users = new ArrayList<>(stack.info().users());
        users.add(createUser(THIRD_USER, "Matrix-pass-3"));
        long publishing = System.nanoTime();
        accounts = publishJobs(users);
        for (Account account : accounts) {
            awaitList(account);
        }
        // the figures the reliability report quotes
        System.out.printf("TokenMatrixIT: stack up in %d ms; %d jobs of %d users published and all listed in %d ms%n",
                Duration.ofNanos(stackUp - started).toMillis(), accounts.stream().mapToInt(a -> a.jobs().size()).sum(),
                accounts.size(), Duration.ofNanos(System.nanoTime() - publishing).toMillis());
    }

    @AfterAll
    static void stopTheStack() {
        if (stack != null) {
            stack.close();
        }
    }

    // ------------------------------------------------------------------ the token matrix

    /** A request's identity that the authorizer must refuse, and the message API Gateway refuses it with. */
    enum Refused {
        NO_TOKEN(CognitoAuthorizer.UNAUTHORIZED) {
            @Override
            String authorization() {
                return null;
            }
        },
        EXPIRED(CognitoAuthorizer.EXPIRED) {
            @Override
            String authorization() {
                return resigned(c -> c.issueTime(minutesFromNow(-61)).expirationTime(minutesFromNow(-1)));
            }
        },
        NOT_BEFORE_AHEAD(CognitoAuthorizer.UNAUTHORIZED) {
            @Override
            String authorization() {
                return resigned(c -> c.notBeforeTime(minutesFromNow(10)));
            }
        },
        ISSUED_AHEAD(CognitoAuthorizer.UNAUTHORIZED) {
            @Override
            String authorization() {
                // beyond the authorizer's clock skew, with an expiry still an hour after that
                return resigned(c -> c.issueTime(minutesFromNow(10)).expirationTime(minutesFromNow(70)));
            }
        },
        OTHER_AUDIENCE(CognitoAuthorizer.UNAUTHORIZED) {
            @Override
            String authorization() {
                return resigned(c -> c.audience("another-app-client"));
            }
        },
        OTHER_ISSUER(CognitoAuthorizer.UNAUTHORIZED) {
            @Override
            String authorization() {
                return resigned(c -> c.issuer(CognitoAuthorizer.issuer("us-east-1", "us-east-1_other")));
            }
        },
        ID_TOKEN_OF_ANOTHER_POOL(CognitoAuthorizer.UNAUTHORIZED) {
            @Override
            String authorization() {
                // real, and validly signed: moto signs every pool with the same key (AWS does not)
                return otherPoolIdToken;
            }
        },
        OTHER_KEY_SAME_KID(CognitoAuthorizer.UNAUTHORIZED) {
            @Override
            String authorization() {
                RSAKey other = newRsaKey();
                return signed(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(poolKey.getKeyID()).build(), other,
                        realClaims);
            }
        },
        OTHER_KEY_EMBEDDED_IN_HEADER(CognitoAuthorizer.UNAUTHORIZED) {
            @Override
            String authorization() {
                // the key that verifies the signature travels with the token: trusting it trusts anyone
                RSAKey other = newRsaKey();
                return signed(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(poolKey.getKeyID())
                        .jwk(other.toPublicJWK()).build(), other, realClaims);
            }
        },
        ALG_NONE(CognitoAuthorizer.UNAUTHORIZED) {
            @Override
            String authorization() {
                return new PlainJWT(new PlainHeader(), realClaims).serialize();
            }
        },
        SIGNATURE_STRIPPED(CognitoAuthorizer.UNAUTHORIZED) {
            @Override
            String authorization() {
                String token = demo1Tokens.idToken();
                return token.substring(0, token.lastIndexOf('.') + 1);
            }
        },
        HS256_KEYED_WITH_PUBLIC_KEY_PEM(CognitoAuthorizer.UNAUTHORIZED) {
            @Override
            String authorization() {
                // the algorithm-confusion attack: a verifier that takes its key as an HMAC secret accepts this
                return hs256(publicKeyPem().getBytes(StandardCharsets.US_ASCII));
            }
        },
        HS256_KEYED_WITH_PUBLIC_KEY_DER(CognitoAuthorizer.UNAUTHORIZED) {
            @Override
            String authorization() {
                return hs256(publicKeyDer());
            }
        },
        ACCESS_TOKEN(CognitoAuthorizer.UNAUTHORIZED) {
            @Override
            String authorization() {
                // the real one names the client in client_id and has no aud, so it fails twice
                return demo1Tokens.accessToken();
            }
        },
        ACCESS_TOKEN_USE_ONLY(CognitoAuthorizer.UNAUTHORIZED) {
            @Override
            String authorization() {
                // an ID token's claims but for token_use: the token_use check alone must refuse it
                return resigned(c -> c.claim("token_use", "access"));
            }
        },
        GARBAGE(CognitoAuthorizer.UNAUTHORIZED) {
            @Override
            String authorization() {
                return "definitely not a token";
            }
        },
        BEARER_WITH_NOTHING(CognitoAuthorizer.UNAUTHORIZED) {
            @Override
            String authorization() {
                return "Bearer ";
            }
        };

        final String message;

        Refused(String message) {
            this.message = message;
        }

        /** The {@code Authorization} header, or null for none; made when the test runs, after the stack is up. */
        abstract String authorization();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Refused.class)
    void aBadIdentityIsRefusedByTheAuthorizerAndTheSameRequestWithAValidOneIsServed(Refused token) throws Exception {
        Account demo1 = accounts.getFirst();
        String authorization = token.authorization();
        for (String path : List.of("/v1/jobs/" + demo1.jobs().getFirst().jobId(), PAGE)) {
            HttpResponse<String> refused = get(path, authorization);
            assertEquals(401, refused.statusCode(), token + " " + path);
            assertEquals(token.message, Json.MAPPER.readTree(refused.body()).path("message").asText(),
                    token + " " + path + ": " + refused.body());
            assertEquals("UNAUTHORIZED", Json.MAPPER.readTree(refused.body()).path("code").asText(), refused.body());
            assertEquals("UnauthorizedException", refused.headers().firstValue("x-amzn-ErrorType").orElse(null));
            // GetJobFn puts Cache-Control on every answer, error or not: its absence says the function never ran
            assertTrue(refused.headers().firstValue("Cache-Control").isEmpty(), token + " reached the function");

            HttpResponse<String> served = get(path, demo1.idToken());
            assertEquals(200, served.statusCode(), "the control request with a valid token, " + path);
            assertTrue(served.body().contains(demo1.jobs().getFirst().jobId()), served.body());
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Refused.class)
    void theSameBadIdentityGetsNoWebSocketConnectionAndAValidOneDoes(Refused token) throws Exception {
        // a browser cannot set headers on a WebSocket: the same token goes in the query, exactly as it is
        String authorization = token.authorization();
        assertEquals(authorization == null || authorization.isEmpty() ? 401 : 403, webSocketStatus(authorization),
                token + ": API Gateway's 401 without the identity source, the authorizer's Deny (403) otherwise");
        assertEquals(101, webSocketStatus(accounts.getFirst().idToken()), "the control connection with a valid token");
    }

    @Test
    void theRealClaimsResignedWithTheKeyTheForgedTokensUseAreServed() throws Exception {
        // without this, every forged token above could be refused for its signature and the matrix prove nothing
        String resigned = resigned(c -> c);
        assertNotEquals(accounts.getFirst().idToken(), resigned, "signed here, not the token moto issued");
        assertEquals(200, get("/v1/jobs/" + accounts.getFirst().jobs().getFirst().jobId(), resigned).statusCode());
        assertEquals(200, get(PAGE, "Bearer " + resigned).statusCode());
    }

    // ------------------------------------------------------------------ the access matrix

    @Test
    void eachUserReadsTheirOwnJobsByIdAndAnotherUsersJobIsExactlyAnUnknownId() throws Exception {
        for (Account reader : accounts) {
            HttpResponse<String> unknown = get("/v1/jobs/matrix-no-such-job", reader.idToken());
            assertEquals(404, unknown.statusCode());
            for (Account owner : accounts) {
                for (Job job : owner.jobs()) {
                    HttpResponse<String> response = get("/v1/jobs/" + job.jobId(), reader.idToken());
                    if (owner == reader) {
                        assertEquals(200, response.statusCode(), reader.username() + " reads " + job.jobId());
                        assertEquals(job.jobId(), Json.MAPPER.readTree(response.body()).path("jobId").asText());
                    } else {
                        assertLooksLikeUnknownId(unknown, response, reader.username() + " reads " + job.jobId());
                    }
                }
            }
        }
    }

    @Test
    void eachUserPagesThroughExactlyTheirOwnJobsNewestFirst() throws Exception {
        for (Account account : accounts) {
            List<List<String>> pages = pages(account);
            List<String> seen = pages.stream().flatMap(List::stream).toList();
            assertEquals(seen.size(), new HashSet<>(seen).size(), account.username() + " saw a job twice: " + pages);
            // the expected list is the user's own jobs sorted by createdAt, newest first: no other, no gap
            assertEquals(account.jobIds(), seen, account.username() + "'s pages " + pages);
            for (List<String> page : pages.subList(0, pages.size() - 1)) {
                assertEquals(2, page.size(), "a page before the last is full: " + pages);
            }
        }
    }

    @Test
    void anotherUsersCursorIsABadRequest() throws Exception {
        for (Account owner : accounts) {
            String cursor = firstCursor(owner);
            for (Account other : accounts) {
                if (other != owner) {
                    assertBadCursor(cursor, other, owner.username() + "'s cursor used by " + other.username());
                }
            }
        }
    }

    @Test
    void aTamperedCursorIsABadRequest() throws Exception {
        Account owner = accounts.getFirst();
        String cursor = firstCursor(owner);
        // the cursor is base64url of "v1|<owner tag>|...": characters 4 to 7 carry bytes 3 to 5, in the owner tag
        char changed = cursor.charAt(6) == 'A' ? 'B' : 'A';
        for (String tampered : List.of(
                cursor.substring(0, 6) + changed + cursor.substring(7),
                cursor.substring(0, cursor.length() / 2),
                cursor + "A",
                "not a cursor!",
                "A".repeat(513))) {
            assertBadCursor(tampered, owner, "tampered cursor " + tampered);
        }
    }

    @Test
    void aCursorForgedWithOnesOwnTagAtAnotherUsersJobStillListsOnlyOnesOwnJobs() throws Exception {
        // the cursor is not signed: anyone who reads Cursor can make one for their own id at any position.
        // It must still reach nothing but the caller's jobs: the list's partition key is the caller's own id.
        Account reader = accounts.getFirst();
        Account other = accounts.get(1);
        Job target = other.jobs().get(1);
        String forged = ForgedCursors.of(reader.sub(), target.createdAt(), target.jobId());
        HttpResponse<String> response = get("/v1/jobs?limit=100&cursor=" + forged, reader.idToken());
        assertEquals(200, response.statusCode(), response.body());
        List<String> listed = new ArrayList<>();
        Json.MAPPER.readTree(response.body()).path("jobs").forEach(item -> listed.add(item.path("jobId").asText()));
        List<String> ownOlder = reader.jobs().stream().filter(job -> job.createdAt().isBefore(target.createdAt()))
                .map(Job::jobId).toList();
        assertFalse(ownOlder.isEmpty(), "the target sits among the reader's jobs in time");
        assertEquals(ownOlder, listed);
    }

    // ------------------------------------------------------------------ helpers: access

    private static void assertLooksLikeUnknownId(HttpResponse<String> unknown, HttpResponse<String> actual,
                                                 String what) throws Exception {
        assertEquals(404, actual.statusCode(), what);
        assertEquals(withoutRequestId(unknown), withoutRequestId(actual), what);
        for (String header : List.of("Content-Type", "Cache-Control", "ETag", "Content-Length")) {
            assertEquals(unknown.headers().allValues(header), actual.headers().allValues(header), what + ": " + header);
        }
    }

    /** The error body less its request id, after checking that it is the request's own. */
    private static JsonNode withoutRequestId(HttpResponse<String> response) throws Exception {
        ObjectNode body = (ObjectNode) Json.MAPPER.readTree(response.body());
        assertEquals(response.headers().firstValue("x-amzn-RequestId").orElse(null), body.remove("requestId").asText());
        return body;
    }

    private static void assertBadCursor(String cursor, Account caller, String what) throws Exception {
        HttpResponse<String> response = get(PAGE + "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8),
                caller.idToken());
        assertEquals(400, response.statusCode(), what + ": " + response.body());
        assertEquals("BAD_REQUEST", Json.MAPPER.readTree(response.body()).path("code").asText(), what);
    }

    private static String firstCursor(Account account) throws Exception {
        HttpResponse<String> first = get(PAGE, account.idToken());
        String cursor = Json.MAPPER.readTree(first.body()).path("nextCursor").asText(null);
        assertTrue(cursor != null && !cursor.isEmpty(), account.username() + " has more than a page: " + first.body());
        return cursor;
    }

    /** Every page of the user's list with {@code limit=2}, following {@code nextCursor} to its end. */
    private static List<List<String>> pages(Account account) throws Exception {
        List<List<String>> pages = new ArrayList<>();
        String cursor = null;
        do {
            HttpResponse<String> response = get(cursor == null ? PAGE : PAGE + "&cursor=" + cursor, account.idToken());
            assertEquals(200, response.statusCode(), response.body());
            JsonNode body = Json.MAPPER.readTree(response.body());
            List<String> page = new ArrayList<>();
            body.path("jobs").forEach(item -> page.add(item.path("jobId").asText()));
            assertTrue(page.size() <= 2, "limit=2 gave " + page);
            pages.add(page);
            cursor = body.path("nextCursor").asText(null);
            // a cursor that never ends would loop: more pages than jobs is already wrong
            assertTrue(pages.size() <= account.jobs().size() + 1, account.username() + "'s pages do not end: " + pages);
        } while (cursor != null);
        return pages;
    }

    /**
     * Publishes each user's jobs through PutEvents, as FalInvoker does. Their createdAt interleave across users
     * (user u's job j at base + 3j + u seconds), so a list that leaked or mixed users would show it in order too.
     */
    private static List<Account> publishJobs(List<LocalAws.User> users) {
        Instant base = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        List<Account> published = new ArrayList<>();
        List<PutEventsRequestEntry> entries = new ArrayList<>();
        StackInfo info = stack.info();
        for (int u = 0; u < users.size(); u++) {
            LocalAws.User user = users.get(u);
            List<Job> jobs = new ArrayList<>();
            for (int j = 0; j < JOBS_PER_USER.get(u); j++) {
                Job job = new Job("matrix-" + user.username() + "-" + j, base.plusSeconds(3L * j + u));
                jobs.add(job);
                entries.add(PutEventsRequestEntry.builder().eventBusName(info.eventBusName())
                        .source(info.eventSource()).detailType(info.detailType())
                        .detail(EventJson.detail(job.jobId(), user.sub(), JobStatus.QUEUED, job.createdAt(), null,
                                null).toString()).build());
            }
            jobs.sort(Comparator.comparing(Job::createdAt).reversed());
            String idToken = signIn(info.userPoolClientId(), user.username(), user.password()).idToken();
            published.add(new Account(user.username(), user.sub(), idToken, List.copyOf(jobs)));
        }
        for (int from = 0; from < entries.size(); from += 10) {
            // PutEvents takes at most 10 entries a call
            List<PutEventsRequestEntry> batch = entries.subList(from, Math.min(from + 10, entries.size()));
            PutEventsResponse response = stack.aws().events.putEvents(b -> b.entries(batch));
            assertEquals(0, response.failedEntryCount(), response.toString());
        }
        return published;
    }

    /** Polls the API (bounded) until the user's list holds all their jobs: the projector applies events asynchronously. */
    private static void awaitList(Account account) throws Exception {
        Instant deadline = Instant.now().plus(AWAIT);
        Set<String> listed = Set.of();
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> response = get("/v1/jobs?limit=100", account.idToken());
            Set<String> now = new HashSet<>();
            Json.MAPPER.readTree(response.body()).path("jobs").forEach(item -> now.add(item.path("jobId").asText()));
            listed = now;
            if (listed.containsAll(account.jobIds())) {
                return;
            }
            Thread.sleep(100); // between polls of the API, not a wait for something in particular
        }
        fail(account.username() + "'s jobs not all listed within " + AWAIT + "; listed " + listed);
    }

    // ------------------------------------------------------------------ helpers: identities

    private static AuthenticationResultType signIn(String clientId, String username, String password) {
        return stack.aws().cognito.initiateAuth(b -> b.clientId(clientId).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", username, "PASSWORD", password))).authenticationResult();
    }

    /** A third user in the stack's own pool, made as an admin would, without changing the stack. */
    private static LocalAws.User createUser(String username, String password) {
        CognitoIdentityProviderClient cognito = stack.aws().cognito;
        String pool = stack.info().userPoolId();
        cognito.adminCreateUser(b -> b.userPoolId(pool).username(username).messageAction(MessageActionType.SUPPRESS));
        cognito.adminSetUserPassword(b -> b.userPoolId(pool).username(username).password(password).permanent(true));
        String sub = cognito.adminGetUser(b -> b.userPoolId(pool).username(username)).userAttributes().stream()
                .filter(attribute -> attribute.name().equals("sub")).map(AttributeType::value).findFirst().orElseThrow();
        return new LocalAws.User(username, password, sub);
    }

    /** A real ID token of a second pool in the same local Cognito, for a user of the same name. */
    private static String idTokenOfAnotherPool() {
        CognitoIdentityProviderClient cognito = stack.aws().cognito;
        String pool = cognito.createUserPool(b -> b.poolName("TokenMatrixOtherPool")).userPool().id();
        String client = cognito.createUserPoolClient(b -> b.userPoolId(pool).clientName("other-client")
                .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH)).userPoolClient().clientId();
        cognito.adminCreateUser(b -> b.userPoolId(pool).username("demo1").messageAction(MessageActionType.SUPPRESS));
        cognito.adminSetUserPassword(b -> b.userPoolId(pool).username("demo1").password("Demo-pass-1").permanent(true));
        return signIn(client, "demo1", "Demo-pass-1").idToken();
    }

    /** demo1's real ID token claims, changed, signed with the pool's own key and kid. */
    private static String resigned(UnaryOperator<JWTClaimsSet.Builder> change) {
        JWTClaimsSet claims = change.apply(new JWTClaimsSet.Builder(realClaims)).build();
        return signed(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(poolKey.getKeyID()).build(), poolKey, claims);
    }

    private static String signed(JWSHeader header, RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hs256(byte[] secret) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(poolKey.getKeyID()).build(),
                    realClaims);
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] publicKeyDer() {
        try {
            return poolKey.toRSAPublicKey().getEncoded();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String publicKeyPem() {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(publicKeyDer())
                + "\n-----END PUBLIC KEY-----\n";
    }

    private static RSAKey newRsaKey() {
        try {
            return new RSAKeyGenerator(2048).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Date minutesFromNow(long minutes) {
        return Date.from(Instant.now().plus(minutes, ChronoUnit.MINUTES));
    }

    /** 101 when the WebSocket API accepts a connection with this token (then closed), else the status it refused with. */
    private static int webSocketStatus(String token) throws Exception {
        String url = stack.info().webSocketUrl() + (token == null ? "" : "?token=" + URLEncoder.encode(token,
                StandardCharsets.UTF_8));
        try {
            WebSocket socket = HTTP.newWebSocketBuilder().buildAsync(URI.create(url), new WebSocket.Listener() { })
                    .get(30, TimeUnit.SECONDS);
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
            return 101;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }

    private static HttpResponse<String> get(String pathAndQuery, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.info().apiUrl() + pathAndQuery));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
