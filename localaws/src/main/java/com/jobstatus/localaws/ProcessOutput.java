package com.jobstatus.localaws;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The output of a server process that tests start (the moto server, a browser): all of it copied to a log file
 * by a daemon thread, so the pipe never fills up and blocks the process, and the line that says the server is
 * ready awaited, not slept for.
 */
public final class ProcessOutput {

    /** Enough of the output to say why a server did not start. */
    private static final int LINES_KEPT = 40;

    private ProcessOutput() {
    }

    /**
     * Copies {@code output} of {@code process} to {@code log} from now on, and waits for the first line that
     * contains {@code readyMarker}.
     *
     * @param what the server, for the failure message ("moto server on port 4566")
     * @return that line
     * @throws IllegalStateException when the process ends or the timeout passes first, with what it printed;
     *                               stopping the process is the caller's business
     */
    public static String awaitLine(Process process, InputStream output, Path log, String readyMarker, Duration timeout,
                                   String what) {
        CompletableFuture<String> ready = new CompletableFuture<>();
        List<String> firstLines = new ArrayList<>();
        Thread pump = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8));
                 PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
                String line;
                while ((line = in.readLine()) != null) {
                    out.println(line);
                    if (!ready.isDone()) {
                        synchronized (firstLines) {
                            if (firstLines.size() < LINES_KEPT) {
                                firstLines.add(line);
                            }
                        }
                        if (line.contains(readyMarker)) {
                            ready.complete(line);
                        }
                    }
                }
                ready.completeExceptionally(new IllegalStateException("it exited with code " + process.waitFor()));
            } catch (IOException | InterruptedException e) {
                ready.completeExceptionally(e);
            }
        }, "output-of-" + process.pid());
        pump.setDaemon(true);
        pump.start();
        try {
            return ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            String why = e instanceof ExecutionException ? e.getCause().getMessage() : "timed out";
            synchronized (firstLines) {
                throw new IllegalStateException(what + " did not start within " + timeout.toSeconds() + " s (" + why
                        + "); its output:\n" + String.join("\n", firstLines), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting " + what, e);
        }
    }
}
