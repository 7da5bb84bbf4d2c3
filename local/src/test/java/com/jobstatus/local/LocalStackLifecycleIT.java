package com.jobstatus.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.jobstatus.localaws.MotoServer;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting on busy ports fails clearly and leaves nothing behind; a stop signal stops everything, moto included. */
class LocalStackLifecycleIT {

    @TempDir
    Path dir;

    private LocalConfig config(int awsPort, int apiPort) {
        return new LocalConfig(awsPort, apiPort, "us-east-1", Map.of(), dir.resolve("stack.json"), dir, false,
                LocalConfig.DEFAULT_DEMO_STEP);
    }

    @Test
    void aBusyPortFailsNamingThePortAndTheVariableToChangeAndLeavesNothingRunning() throws Exception {
        int awsPort = MotoServer.freePort();
        int apiPort = MotoServer.freePort();
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        try (ServerSocket busy = new ServerSocket(awsPort, 1, InetAddress.getLoopbackAddress())) {
            RuntimeException e = assertThrows(RuntimeException.class, () -> LocalStack.start(config(awsPort, apiPort), quiet));
            assertTrue(e.getMessage().contains("port " + awsPort) && e.getMessage().contains("LOCAL_AWS_PORT"), e.getMessage());
        }
        try (ServerSocket busy = new ServerSocket(apiPort, 1, InetAddress.getLoopbackAddress())) {
            RuntimeException e = assertThrows(RuntimeException.class, () -> LocalStack.start(config(awsPort, apiPort), quiet));
            assertTrue(e.getMessage().contains("port " + apiPort) && e.getMessage().contains("LOCAL_API_PORT"), e.getMessage());
        }
        assertTrue(MotoServer.portIsFree(awsPort), "no moto server left on " + awsPort);
    }

    @Test
    void sigtermStopsTheWholeStackMotoIncluded() throws Exception {
        int awsPort = MotoServer.freePort();
        int apiPort = MotoServer.freePort();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dmoto.server=" + System.getProperty("moto.server", MotoServer.DEFAULT_COMMAND),
                LocalStackMain.class.getName())
                .redirectErrorStream(true);
        builder.environment().putAll(Map.of(
                LocalConfig.AWS_PORT, Integer.toString(awsPort),
                LocalConfig.API_PORT, Integer.toString(apiPort),
                LocalConfig.STACK_FILE, dir.resolve("stack.json").toString(),
                "AWS_EMF_ENVIRONMENT", "Local"));
        Process stack = builder.start();
        StringBuilder output = new StringBuilder();
        CompletableFuture<Void> up = new CompletableFuture<>();
        Thread pump = Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stack.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                    if (line.contains(Examples.FOOTER)) {
                        up.complete(null);
                    }
                }
                up.completeExceptionally(new IllegalStateException("the stack exited before it was up"));
            } catch (Exception e) {
                up.completeExceptionally(e);
            }
        });
        try {
            up.get(90, TimeUnit.SECONDS);
            List<ProcessHandle> moto = stack.toHandle().descendants()
                    .filter(p -> p.info().commandLine().orElse("").contains("-p " + awsPort)).toList();
            assertEquals(1, moto.size(), "one moto server child on " + awsPort);
            assertFalse(MotoServer.portIsFree(apiPort));

            stack.toHandle().destroy(); // SIGTERM; Process.destroy() would also close our end of its output
            assertTrue(stack.waitFor(30, TimeUnit.SECONDS), "the stack stops on SIGTERM");
            assertFalse(moto.getFirst().onExit().get(15, TimeUnit.SECONDS).isAlive(), "moto stopped with it");
            assertTrue(MotoServer.portIsFree(awsPort));
            assertTrue(MotoServer.portIsFree(apiPort));
            pump.join(TimeUnit.SECONDS.toMillis(10)); // to the end of the stack's output
            synchronized (output) {
                assertTrue(output.toString().contains("Local stack stopped."), output.toString());
            }
        } catch (Exception | AssertionError e) {
            synchronized (output) {
                fail("local stack output:\n" + output, e);
            }
        } finally {
            stack.destroyForcibly();
        }
    }
}
