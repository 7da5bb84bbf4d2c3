package com.jobstatus.projector;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.jobstatus.runtime.AwsClients;
import com.jobstatus.runtime.Env;
import com.jobstatus.runtime.Telemetry;
import com.jobstatus.schemas.EventContract;
import com.jobstatus.store.DynamoJobRepository;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.Metrics;

/**
 * ProjectorFn: the EventBridge rule invokes it (asynchronously) with one {@code Job Status Changed} event.
 * Everything costly is built once, in INIT, and primed before the SnapStart snapshot.
 */
public final class ProjectorHandler implements RequestStreamHandler, Resource {

    private static final Logger LOG = LoggerFactory.getLogger(ProjectorHandler.class);

    private final ProjectorService service;
    private final Metrics metrics;

    /** Called by the Lambda runtime: reads the configuration and builds the real dependencies. */
    public ProjectorHandler() {
        this(ProjectorConfig.from(Env.system()));
    }

    /**
     * The handler as Lambda would build it, from the given environment instead of the process's: for the
     * local stack, benchmarks and tools that run the real function outside Lambda.
     */
    public static ProjectorHandler withEnvironment(Map<String, String> environment) {
        return new ProjectorHandler(ProjectorConfig.from(new Env(environment)));
    }

    ProjectorHandler(ProjectorConfig config) {
        this(config, Telemetry.metrics(config.serviceName(), config.stage()),
                AwsClients.configure(SqsClient.builder(), config.aws()).build());
    }

    private ProjectorHandler(ProjectorConfig config, Metrics metrics, SqsClient sqs) {
        this(new ProjectorService(
                        new EventContract(config.eventSources(), Clock.systemUTC()),
                        new DynamoJobRepository(AwsClients.dynamo(config.aws()), config.tableName()),
                        new SqsFailureQueue(sqs, config.failureQueueUrl(), "ProjectorFn-" + config.stage()),
                        new PowertoolsProjectorMetrics(metrics),
                        Clock.systemUTC(),
                        config.jobTtl()),
                metrics);
        Core.getGlobalContext().register(this);
    }

    /** For tests: any service, any Powertools metrics instance. */
    ProjectorHandler(ProjectorService service, Metrics metrics) {
        this.service = service;
        this.metrics = metrics;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String raw = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        try {
            Outcome outcome = PowertoolsLogging.withLogging(context, () -> {
                try {
                    Outcome result = service.project(raw);
                    log(message(result), result);
                    return result;
                } catch (RuntimeException e) {
                    // transient (store or queue unavailable, lost races): fail so Lambda retries, then the
                    // failure queue; logged here, inside the request's logging context, with its request id
                    LOG.error("event not applied, will be retried", entry("outcome", "RETRY"),
                            entry("errorType", e.getClass().getSimpleName()), entry("reason", e.getMessage()));
                    throw e;
                }
            });
            output.write(("{\"outcome\":\"" + outcome.kind() + "\"}").getBytes(StandardCharsets.UTF_8));
        } finally {
            metrics.flush();
        }
    }

    private static String message(Outcome outcome) {
        return switch (outcome.kind()) {
            case APPLIED -> "event applied";
            case STALE -> "stale event, nothing to write";
            case REJECTED -> "event rejected and sent to the failure queue";
        };
    }

    private static void log(String message, Outcome outcome) {
        // the outcome by its name: an enum goes through Powertools' general JSON mapper (Jackson with the Joda
        // and JMESPath modules, ~250 classes on the first event) to end up as the same string
        if (outcome.kind() == Outcome.Kind.REJECTED) {
            LOG.warn(message, entry("outcome", outcome.kind().name()),
                    entry("eventId", outcome.eventId()), entry("jobId", outcome.jobId()),
                    entry("reason", outcome.reason()));
        } else {
            LOG.info(message, entry("outcome", outcome.kind().name()), entry("eventId", outcome.eventId()),
                    entry("jobId", outcome.jobId()), entry("reason", outcome.reason()));
        }
    }

    /**
     * SnapStart: run the event path once before the snapshot, so a restored function starts warm: the service's
     * path against the real table, one log line ({@code primed}) as an event is logged, and metrics primed
     * without emitting any.
     */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        try {
            service.prime();
            log("primed", Outcome.applied("priming", ProjectorService.PRIMING_JOB_ID));
            Telemetry.prime();
        } catch (RuntimeException e) {
            // a cold first request is better than a failed deployment
            LOG.warn("priming failed; the first event will load what priming would have",
                    entry("errorType", e.getClass().getSimpleName()));
        }
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to refresh: clients re-resolve connections on first use, credentials come from the environment
    }
}
