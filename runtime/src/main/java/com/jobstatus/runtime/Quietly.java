package com.jobstatus.runtime;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.OutputStreamAppender;
import org.apache.logging.log4j.core.config.AppenderRef;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;

/**
 * Runs priming's requests as Lambda runs a request, with what they log and emit produced as usual but written
 * nowhere. Priming runs a function's real request path, Log4j's JSON layout and the EMF serialiser included, hundreds
 * of times before the snapshot and must leave no log line or metric that looks like a request. Log lines: each
 * logger's appenders are replaced by appenders with the same layouts that write to nothing; metrics: Powertools
 * writes its EMF lines to {@code System.out} at each flush, which is replaced meanwhile. Like the runtime, it sets
 * the trace header Powertools reads into every line and loads the runtime client's per-request classes, which no
 * handler of ours calls. Only while nothing else runs (INIT).
 */
public final class Quietly {

    private static final OutputStream NOWHERE = OutputStream.nullOutputStream();
    private static final String TRACE_HEADER = "com.amazonaws.xray.traceHeader";
    /** The runtime client's per-request classes (its context, its concurrency settings); absent outside Lambda. */
    private static final List<String> RUNTIME_CLASSES = List.of(
            "com.amazonaws.services.lambda.runtime.api.client.api.LambdaContext",
            "com.amazonaws.services.lambda.runtime.api.client.util.ConcurrencyConfig",
            "com.amazonaws.services.lambda.runtime.LambdaRuntimeInternal");

    private Quietly() {
    }

    public static void run(Runnable work) {
        for (String name : RUNTIME_CLASSES) {
            try {
                Class.forName(name, true, ClassLoader.getSystemClassLoader());
            } catch (ClassNotFoundException notOnLambda) {
                // tests, the local stack: nothing to load
            }
        }
        System.setProperty(TRACE_HEADER, "Root=1-00000000-000000000000000000000000;Parent=0000000000000000;Sampled=0");
        try {
            silenced(work);
        } finally {
            System.clearProperty(TRACE_HEADER);
        }
    }

    private static void silenced(Runnable work) {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration configuration = context.getConfiguration();
        Map<LoggerConfig, List<AppenderRef>> refs = new IdentityHashMap<>();
        Map<LoggerConfig, Map<String, Appender>> appenders = new IdentityHashMap<>();
        List<LoggerConfig> loggers = new ArrayList<>(configuration.getLoggers().values());
        loggers.add(configuration.getRootLogger());
        Map<String, Appender> silent = new HashMap<>();
        for (LoggerConfig logger : loggers) {
            if (appenders.containsKey(logger) || logger.getAppenders().isEmpty()) {
                continue;
            }
            refs.put(logger, List.copyOf(logger.getAppenderRefs()));
            appenders.put(logger, Map.copyOf(logger.getAppenders()));
            for (Appender appender : logger.getAppenders().values()) {
                logger.removeAppender(appender.getName());
                Appender twin = silent.computeIfAbsent(appender.getName(), name -> silentTwin(appender));
                logger.addAppender(twin, null, null);
            }
        }
        context.updateLoggers();
        PrintStream out = System.out;
        System.setOut(new PrintStream(NOWHERE, false, StandardCharsets.UTF_8));
        try {
            work.run();
        } finally {
            System.setOut(out);
            appenders.forEach((logger, originals) -> {
                silent.values().forEach(appender -> logger.removeAppender(appender.getName()));
                // as configured: with the level and filter of its reference, if the configuration has one
                originals.forEach((name, original) -> {
                    AppenderRef ref = refs.get(logger).stream().filter(r -> r.getRef().equals(name)).findFirst()
                            .orElse(null);
                    logger.addAppender(original, ref == null ? null : ref.getLevel(),
                            ref == null ? null : ref.getFilter());
                });
            });
            context.updateLoggers();
            silent.values().forEach(Appender::stop);
        }
    }

    private static Appender silentTwin(Appender appender) {
        Appender twin = OutputStreamAppender.newBuilder()
                .setName("quiet-" + appender.getName())
                .setLayout(appender.getLayout())
                .setTarget(NOWHERE)
                .build();
        twin.start();
        return twin;
    }
}
