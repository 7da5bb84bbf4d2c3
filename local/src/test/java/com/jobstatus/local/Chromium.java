package com.jobstatus.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jobstatus.localaws.ProcessOutput;
import com.jobstatus.schemas.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A headless Chromium (Debian's {@code chromium}) that tests drive through the DevTools protocol: started on a
 * fresh profile with {@code --remote-debugging-port=0}, reached at the address it prints on standard error,
 * and stopped with its whole process tree by {@link #close} (also if the JVM ends without it).
 *
 * <p>Each {@link #newPage} is a tab in a browser context of its own (like an incognito window), so pages share
 * no cookies, storage or caches.
 */
final class Chromium implements AutoCloseable {

    /** Names another Chromium (or Chrome) binary than Debian's. */
    static final String EXECUTABLE_VARIABLE = "CHROMIUM";
    static final Path DEFAULT_EXECUTABLE = Path.of("/usr/bin/chromium");
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final String LISTENING = "DevTools listening on ";

    /**
     * Flags that work on these machines (no network but the registries, running as root, no display): the
     * background-networking ones keep Chromium from calling Google's hosts at every start; the backgrounding
     * ones keep a page's timers running at the rate it asks for, as in a tab the user looks at.
     */
    private static final List<String> FLAGS = List.of(
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
            "--disable-backgrounding-occluded-windows", "--no-default-browser-check");

    private final Process process;
    private final DevTools devTools;
    private final Thread killOnExit;

    private Chromium(Process process, DevTools devTools, Thread killOnExit) {
        this.process = process;
        this.devTools = devTools;
        this.killOnExit = killOnExit;
    }

    /** The Chromium to run, if one is installed: {@code $CHROMIUM} or {@code /usr/bin/chromium}. */
    static Optional<Path> installed() {
        String named = System.getenv(EXECUTABLE_VARIABLE);
        if (named != null && !named.isBlank()) {
            Path path = Path.of(named);
            if (!Files.isExecutable(path)) {
                // a named browser that is not there is a mistake to report, not a reason to skip
                throw new IllegalStateException(EXECUTABLE_VARIABLE + "=" + named + " is not an executable file");
            }
            return Optional.of(path);
        }
        return Files.isExecutable(DEFAULT_EXECUTABLE) ? Optional.of(DEFAULT_EXECUTABLE) : Optional.empty();
    }

    /** What a browser test says when it skips because no Chromium is installed. */
    static String notInstalled(String test) {
        return test + " skipped: no Chromium at " + DEFAULT_EXECUTABLE + " (nor named by " + EXECUTABLE_VARIABLE
                + "); install it with 'apt-get install -y chromium' (.ci/run does) to run this browser test";
    }

    /**
     * Starts the browser with its profile, crash database and output ({@code chromium.log}) under {@code workDir}.
     *
     * @throws IllegalStateException when it does not start, with what it printed
     */
    static Chromium launch(Path executable, Path workDir) {
        Path profile = workDir.resolve("profile");
        Path log = workDir.resolve("chromium.log");
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(FLAGS);
        command.add("--user-data-dir=" + profile);
        command.add("--remote-debugging-port=0");
        command.add("about:blank");
        Process process;
        try {
            Path tmp = workDir.resolve("tmp");
            Files.createDirectories(profile);
            Files.createDirectories(tmp);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(workDir.resolve("chromium.stdout.log").toFile()));
            // Chromium writes crash reports under HOME and its singleton socket under TMPDIR, and a killed browser
            // leaves them there: keep them in the work dir, which the test removes
            builder.environment().put("HOME", workDir.toString());
            builder.environment().put("TMPDIR", tmp.toString());
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + executable + ": " + e.getMessage(), e);
        }
        Thread killOnExit = new Thread(() -> kill(process), "chromium-kill-on-exit");
        Runtime.getRuntime().addShutdownHook(killOnExit);
        try {
            // "DevTools listening on ws://127.0.0.1:PORT/devtools/browser/ID", on standard error
            String listening = ProcessOutput.awaitLine(process, process.getErrorStream(), log, LISTENING, START_TIMEOUT,
                    "chromium");
            URI endpoint = URI.create(listening.substring(listening.indexOf(LISTENING) + LISTENING.length()).trim());
            return new Chromium(process, DevTools.connect(endpoint), killOnExit);
        } catch (RuntimeException e) {
            kill(process);
            removeHook(killOnExit);
            throw e;
        }
    }

    /** A new tab in a browser context of its own, showing {@code about:blank}. */
    BrowserPage newPage() {
        String context = devTools.send("Target.createBrowserContext", null, COMMAND_TIMEOUT)
                .path("browserContextId").asText();
        ObjectNode target = Json.MAPPER.createObjectNode().put("url", "about:blank").put("browserContextId", context);
        String targetId = devTools.send("Target.createTarget", target, COMMAND_TIMEOUT).path("targetId").asText();
        String session = devTools.send("Target.attachToTarget",
                        Json.MAPPER.createObjectNode().put("targetId", targetId).put("flatten", true), COMMAND_TIMEOUT)
                .path("sessionId").asText();
        return BrowserPage.attach(devTools, session, context);
    }

    /** Kills the browser and every process it started, and waits for them to end. Idempotent. */
    @Override
    public void close() {
        devTools.close();
        kill(process);
        removeHook(killOnExit);
    }

    /**
     * SIGKILL to the whole tree at once, taken before anything dies (an orphan is no longer a descendant):
     * headless Chromium does not always end on SIGTERM, and a test must never leave a browser behind. Its crash
     * handlers are not its descendants (they detach) but end by themselves once the browser has gone.
     */
    private static void kill(Process process) {
        List<ProcessHandle> tree = Stream.concat(process.descendants(), Stream.of(process.toHandle())).toList();
        tree.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(10, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // nothing more to do than SIGKILL; a process still there after 10 s is the kernel's business
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down and runs the hook itself
        }
    }
}
