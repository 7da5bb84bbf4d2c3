package com.jobstatus.local;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One of Lambda's pollers, emulated: a daemon thread that reads a source (the rule's queue, the Jobs table's
 * stream) and hands what it finds to a real function, until closed. A read that fails (moto busy or restarting) is
 * logged and tried again a second later, as Lambda keeps polling.
 */
abstract class Poller implements AutoCloseable {

    private static final Duration AFTER_FAILURE = Duration.ofSeconds(1);

    final LocalFunction function;
    final PrintStream log;
    /** How the log names this poller, and what it reads. */
    private final String name;
    private final String source;
    /** How long {@link #close} waits for a poll under way: longer than one poll takes. */
    private final Duration closeWait;
    private final Thread thread;
    private volatile boolean running = true;

    Poller(String name, String threadName, String source, LocalFunction function, PrintStream log, Duration closeWait) {
        this.name = name;
        this.source = source;
        this.function = function;
        this.log = log;
        this.closeWait = closeWait;
        this.thread = Thread.ofPlatform().name(threadName).daemon().unstarted(this::run);
    }

    /** One read of the source and its delivery; it waits by itself when the source had nothing. */
    abstract void poll();

    final void startPolling() {
        thread.start();
    }

    final boolean running() {
        return running;
    }

    private void run() {
        while (running) {
            try {
                poll();
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.println(name + ": cannot read " + source + ", trying again in 1 s: " + e.getMessage());
                pause(AFTER_FAILURE);
            }
        }
    }

    static void pause(Duration duration) {
        try {
            TimeUnit.MILLISECONDS.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(closeWait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
