package com.jobstatus.projector;

import com.jobstatus.runtime.AwsClients;
import com.jobstatus.runtime.Env;
import com.jobstatus.runtime.SnapStart;
import com.jobstatus.runtime.Telemetry;
import com.jobstatus.schemas.EventContract;
import com.jobstatus.store.DynamoJobRepository;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.lambda.powertools.metrics.Metrics;

/**
 * ProjectorFn's one wiring place: its configuration read once, then its SDK clients, repository, failure queue,
 * metrics and service built once, in INIT. Lambda's path ({@link #fromEnvironment}) also registers the priming
 * that runs before a SnapStart snapshot; the local stack, the bench and tools build the same function from an
 * environment of their own ({@link #withEnvironment}).
 */
public final class ProjectorWiring {

    /** The function's name in SnapStart's log lines. */
    static final String FUNCTION = "ProjectorFn";

    private final Metrics metrics;
    private final ProjectorService service;

    private ProjectorWiring(ProjectorConfig config) {
        metrics = Telemetry.metrics(config.serviceName(), config.stage());
        SqsClient sqs = AwsClients.configure(SqsClient.builder(), config.aws()).build();
        service = new ProjectorService(
                new EventContract(config.eventSources(), Clock.systemUTC()),
                new DynamoJobRepository(AwsClients.dynamo(config.aws()), config.tableName()),
                new SqsFailureQueue(sqs, config.failureQueueUrl(), FUNCTION + "-" + config.stage()),
                new PowertoolsProjectorMetrics(metrics),
                Clock.systemUTC(),
                config.jobTtl());
    }

    /** As Lambda runs the function: the process's environment, primed before a SnapStart snapshot. */
    static ProjectorWiring fromEnvironment() {
        ProjectorWiring wiring = from(ProjectorConfig.from(Env.system()));
        SnapStart.primeBeforeSnapshot(FUNCTION, new ProjectorPriming(wiring)::run);
        return wiring;
    }

    /** The function as Lambda would build it, from the given environment instead of the process's. */
    public static ProjectorWiring withEnvironment(Map<String, String> environment) {
        return from(ProjectorConfig.from(new Env(environment)));
    }

    static ProjectorWiring from(ProjectorConfig config) {
        return new ProjectorWiring(config);
    }

    ProjectorService service() {
        return service;
    }

    Metrics metrics() {
        return metrics;
    }
}
