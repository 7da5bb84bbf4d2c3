package com.jobstatus.localaws;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.LoggerConfig;

/**
 * Only the service's errors in the build log while open: for tests that drive thousands of events through the
 * functions in this JVM, where one log line per event would drown what went wrong ({@code LOG_LEVEL=ERROR},
 * as the long runs set it, but for one test class only).
 */
public final class QuietLogs implements AutoCloseable {

    private static final String LOGGER = "com.jobstatus";

    private final LoggerContext context;
    private final LoggerConfig loggerConfig;
    private final Level previous;

    private QuietLogs() {
        context = (LoggerContext) LogManager.getContext(false);
        loggerConfig = context.getConfiguration().getLoggerConfig(LOGGER);
        previous = loggerConfig.getLevel();
    }

    public static QuietLogs onlyErrors() {
        QuietLogs quiet = new QuietLogs();
        quiet.set(Level.ERROR);
        return quiet;
    }

    private void set(Level level) {
        loggerConfig.setLevel(level);
        context.updateLoggers();
    }

    @Override
    public void close() {
        set(previous);
    }
}
