package com.jobstatus.push;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jobstatus.connections.DynamoConnectionRepository;
import com.jobstatus.runtime.AwsClients;
import com.jobstatus.runtime.Env;
import com.jobstatus.runtime.Telemetry;
import com.jobstatus.schemas.JobStatus;
import com.jobstatus.schemas.Json;
import com.jobstatus.store.JobRecord;
import com.jobstatus.store.JobStreamImages;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.Metrics;

/**
 * PushFn: the Jobs table's stream invokes it with a batch of changed items (a Lambda DynamoDB stream event); it
 * pushes each job to its owner's WebSocket connections ({@link Pusher}) and answers with the batch item failure
 * to retry from ({@code ReportBatchItemFailures}). Clients are built in INIT and primed before the snapshot.
 */
public final class PushHandler implements RequestStreamHandler, Resource {

    private static final Logger LOG = LoggerFactory.getLogger(PushHandler.class);
    /** Neither a user nor a connection of anyone's: priming finds no one to send to. */
    static final String PRIMING_USER = "#priming";

    private final Pusher pusher;
    private final ConnectionSender sender;
    private final Metrics metrics;

    /** Called by the Lambda runtime: reads the configuration and builds the real dependencies. */
    public PushHandler() {
        this(PushConfig.from(Env.system()));
    }

    /** The handler as Lambda would build it, from the given environment: for the local stack and tools. */
    public static PushHandler withEnvironment(Map<String, String> environment) {
        return new PushHandler(PushConfig.from(new Env(environment)));
    }

    private PushHandler(PushConfig config) {
        this(config, new ManagementApiSender(AwsClients.configure(ApiGatewayManagementApiClient.builder(), config.aws())
                        // after configure: the management API lives at the WebSocket API's stage, not at AWS_ENDPOINT_URL
                        .endpointOverride(config.connectionsEndpoint()).build()),
                Telemetry.metrics(config.serviceName(), config.stage()));
        Core.getGlobalContext().register(this);
    }

    private PushHandler(PushConfig config, ConnectionSender sender, Metrics metrics) {
        this(new Pusher(new DynamoConnectionRepository(AwsClients.dynamo(config.aws()), config.connectionsTable()),
                sender, new PowertoolsPushMetrics(metrics), Clock.systemUTC()), sender, metrics);
    }

    PushHandler(Pusher pusher, ConnectionSender sender, Metrics metrics) {
        this.pusher = pusher;
        this.sender = sender;
        this.metrics = metrics;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = Json.MAPPER.readTree(input);
        try {
            Pusher.Result result = PowertoolsLogging.withLogging(context, () -> {
                List<StreamChange> changes = StreamChange.of(event);
                Pusher.Result pushed = pusher.push(changes);
                LOG.info("batch handled", entry("records", changes.size()), entry("messagesSent", pushed.sent()),
                        entry("outcome", pushed.failedAt() == null ? "PUSHED" : "RETRY"));
                return pushed;
            });
            Json.MAPPER.writeValue(output, response(result));
        } finally {
            metrics.flush();
        }
    }

    /** Lambda's partial batch response: retry from the first record not handled (nothing, when all were). */
    static ObjectNode response(Pusher.Result result) {
        ObjectNode response = Json.MAPPER.createObjectNode();
        var failures = response.putArray("batchItemFailures");
        if (result.failedAt() != null) {
            failures.addObject().put("itemIdentifier", result.failedAt());
        }
        return response;
    }

    /**
     * SnapStart: one change of a job of a user who cannot exist goes the whole way (image read through the store's
     * mapper, the Connections index queried, the job written as JSON), one post to a connection that cannot exist
     * loads the management API client's path (API Gateway answers it 410 or 400), logging and metrics primed.
     */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        try {
            Instant now = Instant.now();
            JsonNode image = JobStreamImages.imageOf(new JobRecord("priming", PRIMING_USER, JobStatus.PROCESSING, 1,
                    "priming", now, now, 1, null, null, now.plus(Duration.ofDays(1)).getEpochSecond(), 1));
            pusher.push(List.of(new StreamChange("0", "MODIFY", image)));
            try {
                sender.send("priming", "{}");
            } catch (ConnectionSender.SendException expected) {
                // a made-up connection id: any answer loads the same path
            }
            response(new Pusher.Result(null, 0)).toString();
            LOG.info("primed", entry("outcome", "PRIMED"));
            Telemetry.prime();
        } catch (RuntimeException e) {
            LOG.warn("priming failed; the first batch will load what priming would have",
                    entry("errorType", e.getClass().getSimpleName()));
        }
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to refresh: clients re-resolve connections on first use
    }
}
