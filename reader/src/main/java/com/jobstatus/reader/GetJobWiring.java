package com.jobstatus.reader;

import com.jobstatus.runtime.AwsClients;
import com.jobstatus.runtime.Env;
import com.jobstatus.runtime.SnapStart;
import com.jobstatus.runtime.Telemetry;
import com.jobstatus.store.DynamoJobRepository;
import com.jobstatus.store.JobRepository;
import java.time.Clock;
import java.util.Map;

/**
 * GetJobFn's one wiring place: reads the validated configuration once and builds, in INIT, what every request uses
 * (the DynamoDB client, the repository, the API, metrics). Also how the local stack, the benchmark and tools build
 * the real function from an environment of their own ({@link #withEnvironment}).
 */
public final class GetJobWiring {

    static final String FUNCTION = "GetJobFn";

    private final JobRepository jobs;
    private final Cors cors;
    private final JobsApi api;
    private final ReaderMetrics metrics;

    GetJobWiring(ReaderConfig config) {
        this.jobs = new DynamoJobRepository(AwsClients.dynamo(config.aws()), config.tableName());
        this.cors = new Cors(config.allowedOrigins());
        this.api = new JobsApi(jobs, cors, Clock.systemUTC());
        this.metrics = new ReaderMetrics(Telemetry.metrics(config.serviceName(), config.stage()));
    }

    /** From the process's environment, as Lambda starts the function. */
    static GetJobWiring fromEnvironment() {
        return new GetJobWiring(ReaderConfig.from(Env.system()));
    }

    /** The function as Lambda builds it, from the given environment instead of the process's. */
    public static GetJobHandler withEnvironment(Map<String, String> environment) {
        return new GetJobHandler(new GetJobWiring(ReaderConfig.from(new Env(environment))));
    }

    JobsApi api() {
        return api;
    }

    ReaderMetrics metrics() {
        return metrics;
    }

    /** Priming over the real table, with the function's CORS and metrics. */
    GetJobPriming priming(int rounds) {
        return new GetJobPriming(jobs, cors, metrics, rounds);
    }

    /** Registers priming to run before a SnapStart snapshot; built only then, so nothing is paid without SnapStart. */
    void primeBeforeSnapshot() {
        SnapStart.primeBeforeSnapshot(FUNCTION, () -> priming(GetJobPriming.ROUNDS).run());
    }
}
