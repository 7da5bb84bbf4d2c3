package com.jobstatus.projector;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.jobstatus.runtime.Env;
import java.util.Map;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/** ProjectorFn instances as Lambda builds them, but with a fault injector in their AWS clients. */
public final class Projectors {

    private Projectors() {
    }

    public static RequestStreamHandler withFaults(Map<String, String> environment, ExecutionInterceptor faults) {
        ProjectorConfig config = ProjectorConfig.from(new Env(environment));
        return new ProjectorHandler(ProjectorWiring.from(new ProjectorConfig(config.tableName(),
                config.failureQueueUrl(), config.eventSources(), config.jobTtl(), config.stage(), config.serviceName(),
                config.aws().withInterceptor(faults))));
    }
}
