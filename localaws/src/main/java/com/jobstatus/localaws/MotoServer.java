package com.jobstatus.localaws;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real moto server ({@code moto_server}, Python package moto) on a free loopback port: the local AWS
 * that integration tests and the local stack run against.
 *
 * <p>Readiness is awaited, not slept for: the server prints {@code Running on http://host:port} once it
 * accepts connections, and {@link #start} returns when that line appears. Everything the server prints
 * goes to a log file so its output pipe never fills up and blocks it.
 */
public final class MotoServer implements AutoCloseable {

    /** Moto ships as a Python console script; a different one can be named with -Dmoto.server or MOTO_SERVER. */
    public static final String DEFAULT_COMMAND = "moto_server";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final URI endpoint;
    private final Path log;

    private MotoServer(Process process, URI endpoint, Path log) {
        this.process = process;
        this.endpoint = endpoint;
        this.log = log;
    }

    /** Starts a server on a free port of 127.0.0.1; {@code logDir} receives its output. */
    public static MotoServer start(Path logDir) {
        return start(freePort(), logDir);
    }

    /** Starts a server on the given port of 127.0.0.1; fails with a clear message if the port is taken. */
    public static MotoServer start(int port, Path logDir) {
        if (!portIsFree(port)) {
            throw new IllegalStateException("port " + port + " on 127.0.0.1 is already in use: "
                    + "stop what is listening there or choose another port");
        }
        String command = command();
        Path log = logDir.resolve("moto-" + port + ".log");
        Process process;
        try {
            Files.createDirectories(logDir);
            ProcessBuilder builder = new ProcessBuilder(command, "-H", "127.0.0.1", "-p", Integer.toString(port))
                    .redirectErrorStream(true);
            atomicWrites(builder, logDir.resolve("moto-" + port + "-site"));
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start '" + command + "': " + e.getMessage()
                    + ". Install it with: pip install 'moto[server]==5.2.1' (or set -Dmoto.server / MOTO_SERVER"
                    + " to its path)", e);
        }
        try {
            ProcessOutput.awaitLine(process, process.getInputStream(), log, "Running on http://127.0.0.1:" + port,
                    START_TIMEOUT, "moto server on port " + port);
        } catch (RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
        return new MotoServer(process, URI.create("http://127.0.0.1:" + port), log);
    }

    /**
     * Makes the server's DynamoDB writes atomic, as DynamoDB's conditional writes are ({@code moto/sitecustomize.py}
     * says why): the patch is written next to the log and put first on the server's {@code PYTHONPATH}, where
     * Python's {@code site} loads it at start.
     */
    private static void atomicWrites(ProcessBuilder builder, Path siteDir) throws IOException {
        Path dir = Files.createDirectories(siteDir);
        try (var patch = MotoServer.class.getResourceAsStream("moto/sitecustomize.py")) {
            if (patch == null) {
                throw new IllegalStateException("moto/sitecustomize.py is missing from localaws's jar");
            }
            Files.write(dir.resolve("sitecustomize.py"), patch.readAllBytes());
        }
        String path = builder.environment().get("PYTHONPATH");
        builder.environment().put("PYTHONPATH",
                path == null || path.isEmpty() ? dir.toString() : dir + File.pathSeparator + path);
    }

    private static String command() {
        String fromProperty = System.getProperty("moto.server");
        if (fromProperty != null && !fromProperty.isBlank()) {
            return fromProperty;
        }
        String fromEnv = System.getenv("MOTO_SERVER");
        return fromEnv != null && !fromEnv.isBlank() ? fromEnv : DEFAULT_COMMAND;
    }

    /** A free TCP port on 127.0.0.1 at the moment of asking. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True if nothing listens on the port of 127.0.0.1. */
    public static boolean portIsFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort() == port;
        } catch (IOException e) {
            return false;
        }
    }

    /** The endpoint to give an AWS SDK client ({@code endpointOverride}). */
    public URI endpoint() {
        return endpoint;
    }

    /** Where the server's output goes. */
    public Path log() {
        return log;
    }

    /** Forgets every resource the server holds (moto's own reset API). */
    public void reset() {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<Void> response = http.send(
                    HttpRequest.newBuilder(endpoint.resolve("/moto-api/reset"))
                            .POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("moto reset answered " + response.statusCode());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
