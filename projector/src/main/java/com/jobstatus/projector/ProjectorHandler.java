package com.jobstatus.projector;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.jobstatus.runtime.ColdStart;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.Metrics;

/** ProjectorFn: one EventBridge event in, {@code {"outcome": ...}} out; {@link ProjectorWiring} builds it. */
public final class ProjectorHandler implements RequestStreamHandler {

    private final ProjectorService service;
    private final Metrics metrics;
    private final OutcomeLog log;
    private final ColdStart coldStart = new ColdStart();

    /** Called by the Lambda runtime. */
    public ProjectorHandler() {
        this(ProjectorWiring.fromEnvironment());
    }

    /** The real function from the given environment, outside Lambda: the local stack, benchmarks, tools. */
    public static ProjectorHandler withEnvironment(Map<String, String> environment) {
        return new ProjectorHandler(ProjectorWiring.withEnvironment(environment));
    }

    ProjectorHandler(ProjectorWiring wiring) {
        this(wiring.service(), wiring.metrics(), OutcomeLog.FUNCTION);
    }

    /** Any service, metrics instance and log: for tests, and for priming. */
    ProjectorHandler(ProjectorService service, Metrics metrics, OutcomeLog log) {
        this.service = service;
        this.metrics = metrics;
        this.log = log;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String event = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        output.write(PowertoolsLogging.withLogging(context, () -> {
            coldStart.mark();
            try {
                Outcome outcome = service.project(event);
                log.outcome(outcome);
                return ("{\"outcome\":\"" + outcome.kind() + "\"}").getBytes(StandardCharsets.UTF_8);
            } catch (RuntimeException e) {
                log.retry(e); // transient: the invocation fails and Lambda retries it, then the failure queue
                throw e;
            } finally {
                metrics.flush();
            }
        }));
    }
}
