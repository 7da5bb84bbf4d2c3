package com.jobstatus.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.jobstatus.auth.AuthorizerWiring;
import com.jobstatus.auth.CachedJwks;
import com.jobstatus.auth.IdTokenVerifier;
import com.jobstatus.connections.ConnectionsWiring;
import com.jobstatus.localaws.MotoServer;
import com.jobstatus.projector.ProjectorHandler;
import com.jobstatus.push.PushWiring;
import com.jobstatus.reader.GetJobHandler;
import com.jobstatus.reader.GetJobWiring;
import com.jobstatus.template.SamTemplate;
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The whole service on this machine (docs/DESIGN.md §8): a moto server as the local AWS with the template's
 * tables, queues, bus and rule and a Cognito user pool; ProjectorFn fed from the rule's queue; GetJobFn behind
 * an emulated API Gateway with the Cognito authorizer; the WebSocket API with WsAuthorizerFn and ConnectionsFn
 * behind it; PushFn fed from the Jobs table's stream, posting to the WebSocket API's {@code @connections}. Everything on 127.0.0.1; {@link #close} stops it all.
 */
public final class LocalStack implements AutoCloseable {

    private final LocalConfig config;
    private final PrintStream out;
    private final ProjectorFactory projectors;
    private final int pollers;
    /** What has been started, to stop in reverse order; also what a stop during start-up must stop. */
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private boolean closed;

    private MotoServer moto;
    private LocalTemplate template;
    private LocalAws aws;
    private LocalAws.Resources resources;
    private GetJobHandler reader;
    private CognitoAuthorizer authorizer;
    private ApiGatewayEmulator api;
    private WebSocketApiEmulator webSocketApi;
    private StackInfo info;

    /**
     * How ProjectorFn instances are built from their environment: the real way, or (reliability tests) with
     * faults injected into their AWS clients.
     */
    @FunctionalInterface
    interface ProjectorFactory {
        RequestStreamHandler create(Map<String, String> environment);
    }

    LocalStack(LocalConfig config, PrintStream out) {
        this(config, out, ProjectorHandler::withEnvironment, 1);
    }

    /** @param pollers how many pollers, each with its own ProjectorFn instance, like concurrent Lambda instances */
    LocalStack(LocalConfig config, PrintStream out, ProjectorFactory projectors, int pollers) {
        this.config = config;
        this.out = out;
        this.projectors = projectors;
        this.pollers = pollers;
    }

    /** Starts everything, or stops what it started and fails with what went wrong. */
    static LocalStack start(LocalConfig config, PrintStream out) {
        LocalStack stack = new LocalStack(config, out);
        stack.startAll();
        return stack;
    }

    static LocalStack start(LocalConfig config, PrintStream out, ProjectorFactory projectors, int pollers) {
        LocalStack stack = new LocalStack(config, out, projectors, pollers);
        stack.startAll();
        return stack;
    }

    void startAll() {
        try {
            checkPort(config.awsPort(), LocalConfig.AWS_PORT, "the local AWS");
            checkPort(config.apiPort(), LocalConfig.API_PORT, "the API");
            if (config.webSocketPort() != 0) {
                checkPort(config.webSocketPort(), LocalConfig.WS_PORT, "the WebSocket API");
            }
            template = LocalTemplate.of(SamTemplate.load(), config.parameterOverrides(), config.region(),
                    RestApiEvents.ACCOUNT_ID);
            out.println("Starting the local AWS (moto server) on 127.0.0.1:" + config.awsPort() + " ...");
            moto = register(MotoServer.start(config.awsPort(), config.logDir()));
            aws = register(new LocalAws(moto.endpoint(), config.region()));
            resources = aws.create(template);
            // the pool and its app client exist in AWS already (template parameters); here the stack made them
            template = template.withParameters(Map.of("UserPoolId", resources.userPoolId(),
                    "UserPoolClientIds", resources.userPoolClientId()));

            for (int i = 0; i < pollers; i++) {
                startPoller(projectors.create(environment(LocalTemplate.PROJECTOR)));
            }

            reader = GetJobWiring.withEnvironment(environment(LocalTemplate.READER));
            authorizer = new CognitoAuthorizer(new IdTokenVerifier(keys(aws.jwksUri(resources.userPoolId())),
                    IdTokenVerifier.issuer(aws.region(), resources.userPoolId()),
                    Set.of(resources.userPoolClientId()), Clock.systemUTC()));
            api = startApi(config.apiPort(), authorizer);
            webSocketApi = startWebSocketApi();
            startStreamPoller();

            info = new StackInfo("http://127.0.0.1:" + api.port(), moto.endpoint().toString(), aws.region(),
                    template.stage(), resources.tableName(), resources.eventBusName(),
                    template.eventSources().getFirst(), template.detailType(), resources.userPoolId(),
                    resources.userPoolClientId(), resources.users(), template.allowedOrigins(),
                    resources.failureQueueUrl(), webSocketApi.url().toString(), resources.connectionsTableName(),
                    resources.pushFailureQueueUrl());
            info.writeTo(config.stackFile());
            printBanner();
            if (config.demo()) {
                register(new Demo(aws.events, info, config.demoStep(), Clock.systemUTC(), out).start());
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** One more poller handing the rule's events to the given ProjectorFn instance; stopped with the stack. */
    EventPoller startPoller(RequestStreamHandler projector) {
        return register(new EventPoller(aws.sqs, resources.invocationQueueUrl(), projector,
                template.functionName(LocalTemplate.PROJECTOR), template.asyncAttempts(LocalTemplate.PROJECTOR), out)
                .start());
    }

    /** ProjectorFn's environment from the template, pointed at this stack's AWS. */
    Map<String, String> projectorEnvironment() {
        return environment(LocalTemplate.PROJECTOR);
    }

    /** The queue the rule delivers to and the pollers read: Lambda's internal async-invocation queue. */
    String invocationQueueUrl() {
        return resources.invocationQueueUrl();
    }

    private static void checkPort(int port, String variable, String what) {
        if (!MotoServer.portIsFree(port)) {
            throw new PortInUseException(port, null).naming(variable, what);
        }
    }

    /** The WebSocket API with the real authorizer and connect handler behind its routes; stopped with the stack. */
    private WebSocketApiEmulator startWebSocketApi() {
        Map<String, LocalFunction> functions = Map.of(
                LocalTemplate.WS_AUTHORIZER, new LocalFunction(
                        template.functionName(LocalTemplate.WS_AUTHORIZER),
                        AuthorizerWiring.handler(environment(LocalTemplate.WS_AUTHORIZER))),
                LocalTemplate.CONNECTIONS, new LocalFunction(
                        template.functionName(LocalTemplate.CONNECTIONS),
                        ConnectionsWiring.handler(environment(LocalTemplate.CONNECTIONS))));
        try {
            return register(WebSocketApiEmulator.start(config.webSocketPort(), template.webSocketRoutes(), functions,
                    template.webSocketStage(), aws.region(), Clock.systemUTC(), out));
        } catch (PortInUseException e) {
            throw e.naming(LocalConfig.WS_PORT, "the WebSocket API");
        }
    }

    /** PushFn fed from the Jobs table's stream as its event source mapping would feed it; stopped with the stack. */
    private void startStreamPoller() {
        Map<String, String> environment = environment(LocalTemplate.PUSH);
        // the stage's @connections endpoint: on AWS the API's own domain, here the local WebSocket API's port
        environment.put("CONNECTIONS_ENDPOINT", webSocketApi.managementEndpoint().toString());
        register(new StreamPoller(aws.streams, aws.sqs, aws.streamArn(resources.tableName()), template.streamMapping(),
                PushWiring.handler(environment), template.functionName(LocalTemplate.PUSH),
                resources.pushFailureQueueUrl(), out).start());
    }

    /** The WebSocket API: for tests. */
    WebSocketApiEmulator webSocketApi() {
        return webSocketApi;
    }

    /** The function's environment from the template, pointed at the local AWS. */
    private Map<String, String> environment(String function) {
        Map<String, String> environment = new LinkedHashMap<>(template.environment(function, Map.of(
                "JobsTable", resources.tableName(),
                "FailureQueue", resources.failureQueueUrl(),
                "ConnectionsTable", resources.connectionsTableName(),
                "PushFailureQueue", resources.pushFailureQueueUrl(),
                "WebSocketApi", WebSocketApiEmulator.API_ID)));
        environment.put("AWS_REGION", aws.region());
        environment.put("AWS_ENDPOINT_URL", moto.endpoint().toString());
        environment.put("AWS_ACCESS_KEY_ID", LocalAws.ACCESS_KEY_ID);
        environment.put("AWS_SECRET_ACCESS_KEY", LocalAws.SECRET_ACCESS_KEY);
        return environment;
    }

    /** The pool's keys as the functions keep them: fetched now, again for a key id not seen before. */
    private static CachedJwks keys(URI jwksUri) {
        CachedJwks keys = CachedJwks.at(jwksUri, Clock.systemUTC());
        if (!keys.refresh() || keys.size() == 0) {
            throw new IllegalStateException("cannot read the local Cognito's signing keys at " + jwksUri);
        }
        return keys;
    }

    /**
     * Another API on the same stack, its authorizer judging tokens at the given clock's time: tests run one
     * hours ahead to see a real token of the local Cognito expire. Stopped with the stack.
     */
    ApiGatewayEmulator startApi(int port, Clock clock) {
        return startApi(port, authorizer.at(clock));
    }

    private ApiGatewayEmulator startApi(int port, CognitoAuthorizer withAuthorizer) {
        try {
            return register(ApiGatewayEmulator.start(port, template.routes(),
                    Map.of(LocalTemplate.READER, new ApiGatewayEmulator.Function(
                            template.functionName(LocalTemplate.READER), reader)),
                    withAuthorizer, template::gatewayResponse,
                    template.apiStageName(), Clock.systemUTC(), out));
        } catch (PortInUseException e) {
            throw e.naming(LocalConfig.API_PORT, "the API");
        }
    }

    private void printBanner() {
        out.println();
        out.println("Job Status local stack is up (stage " + info.stage() + "): API " + info.apiUrl()
                + ", WebSocket API " + info.webSocketUrl() + " (?token=<ID token>)"
                + ", local AWS " + info.awsEndpoint() + " (region " + info.region() + ", any credentials).");
        out.println("Wrote " + config.stackFile() + ":");
        out.println(info.toPrettyJson());
        out.println();
        out.print(Examples.render(Examples.of(info, Clock.systemUTC().instant(), config.demo() ? Demo.JOB_ID : null)));
        out.flush();
    }

    StackInfo info() {
        return info;
    }

    LocalAws aws() {
        return aws;
    }

    /** False once the moto server has gone: the stack is then of no use and should stop. */
    boolean awsAlive() {
        return moto != null && moto.isAlive();
    }

    private synchronized <T extends AutoCloseable> T register(T resource) {
        if (closed) {
            closeQuietly(resource);
            throw new IllegalStateException("the local stack is stopping");
        }
        started.push(resource);
        return resource;
    }

    /** Stops everything started, newest first (the demo, the APIs, the poller, the clients, moto). Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        while (!started.isEmpty()) {
            closeQuietly(started.pop());
        }
    }

    private void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            out.println("while stopping " + resource.getClass().getSimpleName() + ": " + e);
        }
    }
}
