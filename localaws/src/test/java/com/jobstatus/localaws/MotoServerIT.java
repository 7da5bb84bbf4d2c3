package com.jobstatus.localaws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The local DynamoDB applies a conditional write atomically, as DynamoDB does and as the projector relies on
 * (docs/DESIGN.md §5): writers racing to count up one item, each writing only if the count is still what it read,
 * never lose an increment. Spoken in DynamoDB's JSON protocol over the JDK's HTTP client, so this module needs no SDK.
 */
@ExtendWith(MotoExtension.class)
class MotoServerIT {

    private static final int WRITERS = 8;
    private static final int TRIES = 60;
    /**
     * Attributes each write sets and its condition checks, as the projector's writes do (about a dozen of each):
     * they widen the time between the check and the write, where a server without atomic writes loses one.
     */
    private static final int FIELDS = 24;
    private static final String FIELDS_ITEM = fields(i -> ", \"f" + i + "\": {\"S\": \"v\"}");
    private static final String FIELDS_SET = fields(i -> ", f" + i + " = :v");
    private static final String FIELDS_CONDITION = fields(i -> " AND f" + i + " = :v");
    private static final Pattern COUNT = Pattern.compile("\"n\":\\s*\\{\"N\":\\s*\"(\\d+)\"}");

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI endpoint;

    MotoServerIT(MotoServer moto) {
        this.endpoint = moto.endpoint();
    }

    @Test
    void racingConditionalWritesToOneItemNeverLoseAnUpdate() throws Exception {
        call("CreateTable", """
                {"TableName": "Counter", "BillingMode": "PAY_PER_REQUEST",
                 "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
                 "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}]}""");
        call("PutItem", """
                {"TableName": "Counter", "Item": {"id": {"S": "c"}, "n": {"N": "0"}%s}}""".formatted(FIELDS_ITEM));

        List<Callable<Integer>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            writers.add(this::countUp);
        }
        int won = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(WRITERS)) {
            for (Future<Integer> writer : pool.invokeAll(writers)) {
                won += writer.get();
            }
        }

        assertTrue(won > 0, "no write won");
        assertEquals(won, count(), "every write that was accepted counted one up");
    }

    private static String fields(IntFunction<String> field) {
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < FIELDS; i++) {
            all.append(field.apply(i));
        }
        return all.toString();
    }

    /** @return how many of its conditional writes were accepted */
    private int countUp() throws IOException, InterruptedException {
        int won = 0;
        for (int i = 0; i < TRIES; i++) {
            int read = count();
            HttpResponse<String> write = call("UpdateItem", """
                    {"TableName": "Counter", "Key": {"id": {"S": "c"}},
                     "UpdateExpression": "SET n = :next%s", "ConditionExpression": "n = :read%s",
                     "ExpressionAttributeValues": {":next": {"N": "%d"}, ":read": {"N": "%d"}, ":v": {"S": "v"}}}"""
                    .formatted(FIELDS_SET, FIELDS_CONDITION, read + 1, read));
            if (write.statusCode() == 200) {
                won++;
            } else {
                assertTrue(write.body().contains("ConditionalCheckFailedException"), write.body());
            }
        }
        return won;
    }

    private int count() throws IOException, InterruptedException {
        String item = call("GetItem", """
                {"TableName": "Counter", "Key": {"id": {"S": "c"}}, "ConsistentRead": true}""").body();
        Matcher n = COUNT.matcher(item);
        assertTrue(n.find(), item);
        return Integer.parseInt(n.group(1));
    }

    private HttpResponse<String> call(String operation, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "DynamoDB_20120810." + operation)
                // moto checks no signature, but routes a request to DynamoDB by the credential scope's service
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/dynamodb/aws4_request, "
                        + "SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
