package com.jobstatus.runtime;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class AwsClientsTest {

    @Test
    void theCallTimeoutsStillFireOnTheSharedTimerThreadAndNoSdkTimerPoolIsStarted() throws IOException {
        // a server that accepts connections and never answers: only the SDK's timers can end the call
        List<Socket> accepted = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            AwsSettings settings = new AwsSettings(Region.US_EAST_1,
                    URI.create("http://127.0.0.1:" + silent.getLocalPort()), AnonymousCredentialsProvider.create(),
                    Duration.ofMillis(900), Duration.ofMillis(200), List.of());
            try (DynamoDbClient dynamo = AwsClients.dynamo(settings)) {
                // far above the 900 ms call timeout, far below the HTTP client's own 30 s read timeout
                SdkException timedOut = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(
                        SdkException.class, () -> dynamo.getItem(b -> b.tableName("Jobs-test")
                                .key(Map.of("jobId", AttributeValue.fromS("job-1"))))));
                assertTrue(timedOut instanceof ApiCallTimeoutException
                        || timedOut instanceof ApiCallAttemptTimeoutException, timedOut.toString());
            }
            acceptor.interrupt();
        } finally {
            for (Socket socket : accepted) {
                socket.close();
            }
        }
        Set<String> threads = new HashSet<>();
        Thread.getAllStackTraces().keySet().forEach(t -> threads.add(t.getName()));
        assertTrue(threads.contains("aws-call-timeouts"), threads.toString());
        assertTrue(threads.stream().noneMatch(name -> name.startsWith("sdk-ScheduledExecutor")), threads.toString());
    }
}
