package com.jobstatus.local;

import com.jobstatus.runtime.Env;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the local stack runs, read once from the environment and the command line of {@code local/run}.
 *
 * @param parameterOverrides template parameters to set instead of their defaults ({@code --parameter-overrides})
 * @param stackFile          where to write {@code stack.json}
 * @param logDir             where the moto server's output goes
 * @param demoStep           with {@code --demo}: the time between the demo job's events
 * @param webSocketPort      the WebSocket API's port; 0 for any free one
 */
record LocalConfig(int awsPort, int apiPort, String region, Map<String, String> parameterOverrides, Path stackFile,
                   Path logDir, boolean demo, Duration demoStep, int webSocketPort) {

    static final String AWS_PORT = "LOCAL_AWS_PORT";
    static final String API_PORT = "LOCAL_API_PORT";
    static final String WS_PORT = "LOCAL_WS_PORT";
    static final String REGION = "LOCAL_AWS_REGION";
    static final String STACK_FILE = "LOCAL_STACK_FILE";
    static final int DEFAULT_AWS_PORT = 4566;
    static final int DEFAULT_API_PORT = 3000;
    static final int DEFAULT_WS_PORT = 3001;
    static final String DEFAULT_REGION = "us-east-1";
    static final Duration DEFAULT_DEMO_STEP = Duration.ofSeconds(5);

    static final String USAGE = """
            usage: local/run [--demo] [--parameter-overrides Name=Value ...]

              --demo                  publish a sample job lifecycle (QUEUED, PROCESSING 50 %, COMPLETED) for demo1
              --parameter-overrides   template.yaml parameters instead of their defaults, as with sam deploy,
                                      e.g. AllowedOrigins=http://localhost:5173 EnableGatewayResponses=false

            environment: LOCAL_AWS_PORT (default 4566), LOCAL_API_PORT (default 3000), LOCAL_WS_PORT (default 3001),
                         LOCAL_AWS_REGION (default us-east-1), LOCAL_STACK_FILE (default local/stack.json),
                         MOTO_SERVER (the moto_server command)""";

    LocalConfig {
        parameterOverrides = Map.copyOf(parameterOverrides);
        if (awsPort == apiPort) {
            throw new IllegalArgumentException(AWS_PORT + " and " + API_PORT + " are both " + awsPort
                    + ": the local AWS and the API need a port each");
        }
        if (webSocketPort != 0 && (webSocketPort == awsPort || webSocketPort == apiPort)) {
            throw new IllegalArgumentException(WS_PORT + " is " + webSocketPort + ", as " + (webSocketPort == awsPort
                    ? AWS_PORT : API_PORT) + ": the WebSocket API needs a port of its own");
        }
    }

    /** With the WebSocket API on any free port: for tests that start stacks side by side. */
    LocalConfig(int awsPort, int apiPort, String region, Map<String, String> parameterOverrides, Path stackFile,
                Path logDir, boolean demo, Duration demoStep) {
        this(awsPort, apiPort, region, parameterOverrides, stackFile, logDir, demo, demoStep, 0);
    }

    /** @param root the repository root (where template.yaml is); stack.json goes to {@code local/} below it */
    static LocalConfig from(Env env, List<String> args, Path root) {
        boolean demo = false;
        Map<String, String> overrides = new LinkedHashMap<>();
        boolean inOverrides = false;
        for (String arg : args) {
            if (arg.equals("--demo")) {
                demo = true;
                inOverrides = false;
            } else if (arg.equals("--parameter-overrides")) {
                inOverrides = true;
            } else if (inOverrides && arg.contains("=") && !arg.startsWith("-")) {
                int equals = arg.indexOf('=');
                overrides.put(arg.substring(0, equals), arg.substring(equals + 1));
            } else {
                throw new IllegalArgumentException("unknown argument '" + arg + "'\n" + USAGE);
            }
        }
        return new LocalConfig(
                env.optionalInt(AWS_PORT, DEFAULT_AWS_PORT, 1, 65535),
                env.optionalInt(API_PORT, DEFAULT_API_PORT, 1, 65535),
                env.optional(REGION, DEFAULT_REGION),
                overrides,
                Path.of(env.optional(STACK_FILE, root.resolve("local").resolve("stack.json").toString())),
                root.resolve("local").resolve("target"),
                demo,
                DEFAULT_DEMO_STEP,
                env.optionalInt(WS_PORT, DEFAULT_WS_PORT, 1, 65535));
    }
}
