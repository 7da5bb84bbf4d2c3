package com.jobstatus.localaws;

import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;

/**
 * Captures what the service logs, in the layout it logs in (the configured JSON layout), by adding a
 * second appender to the {@code com.jobstatus} logger for the duration of a test.
 */
public final class LogCapture implements AutoCloseable {

    private static final String LOGGER = "com.jobstatus";

    private final StringWriter out = new StringWriter();
    private final Appender appender;
    private final LoggerConfig loggerConfig;
    private final LoggerContext context;

    public LogCapture() {
        context = (LoggerContext) LogManager.getContext(false);
        Configuration configuration = context.getConfiguration();
        loggerConfig = configuration.getLoggerConfig(LOGGER);
        Layout<?> layout = configuration.getAppenders().values().stream()
                .map(Appender::getLayout).filter(l -> l != null).findFirst()
                .orElseThrow(() -> new IllegalStateException("no configured layout to capture logs with"));
        appender = WriterAppender.newBuilder()
                .setName("capture-" + System.identityHashCode(this))
                .setTarget(out)
                .setLayout(layout)
                .build();
        appender.start();
        loggerConfig.addAppender(appender, null, null);
        context.updateLoggers();
    }

    /** The captured lines, one JSON object each. */
    public synchronized List<String> lines() {
        return Arrays.stream(out.toString().split("\n")).filter(l -> !l.isBlank()).toList();
    }

    @Override
    public void close() {
        loggerConfig.removeAppender(appender.getName());
        context.updateLoggers();
        appender.stop();
    }
}
