package com.jobstatus.projector;

import com.jobstatus.runtime.AwsClients;
import com.jobstatus.runtime.Env;
import com.jobstatus.runtime.SnapStart;
import com.jobstatus.runtime.Telemetry;
import com.jobstatus.schemas.EventContract;
import com.jobstatus.store.DynamoJobRepository;
import com.jobstatus.store.JobRepository;
import java.time.Clock;
import java.time.Duration;
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
    private final EventContract contract;
    private final JobRepository jobs;
    private final ProjectorMetrics projectorMetrics;
    private final Duration ttl;
    private final ProjectorService service;

    private ProjectorWiring(ProjectorConfig config) {
        metrics = Telemetry.metrics(config.serviceName(), config.stage());
        SqsClient sqs = AwsClients.configure(SqsClient.builder(), config.aws()).build();
        contract = new EventContract(config.eventSources(), Clock.systemUTC());
        jobs = new DynamoJobRepository(AwsClients.dynamo(config.aws()), config.tableName());
        projectorMetrics = new PowertoolsProjectorMetrics(metrics);
        ttl = config.jobTtl();
        service = new ProjectorService(contract, jobs,
                new SqsFailureQueue(sqs, config.failureQueueUrl(), FUNCTION + "-" + config.stage()),
                projectorMetrics, Clock.systemUTC(), ttl);
    }

    /** As Lambda runs the function: the process's environment, primed before a SnapStart snapshot. */
    static ProjectorWiring fromEnvironment() {
        ProjectorWiring wiring = from(ProjectorConfig.from(Env.system()));
        SnapStart.primeBeforeSnapshot(FUNCTION, () -> wiring.priming(ProjectorPriming.ROUNDS).run());
        return wiring;
    }

    /** The function as Lambda would build it, from the given environment instead of the process's. */
    public static ProjectorWiring withEnvironment(Map<String, String> environment) {
        return from(ProjectorConfig.from(new Env(environment)));
    }

    static ProjectorWiring from(ProjectorConfig config) {
        return new ProjectorWiring(config);
    }

    /** Priming: the function's handler over the table as priming sees it, with no failure queue; built only then. */
    ProjectorPriming priming(int rounds) {
        ProjectorService primingService = new ProjectorService(contract, ProjectorPriming.jobs(jobs),
                ProjectorPriming.noFailureQueue(), projectorMetrics, Clock.systemUTC(), ttl);
        return new ProjectorPriming(new ProjectorHandler(primingService, metrics, OutcomeLog.FUNCTION), rounds);
    }

    ProjectorService service() {
        return service;
    }

    Metrics metrics() {
        return metrics;
    }
}
