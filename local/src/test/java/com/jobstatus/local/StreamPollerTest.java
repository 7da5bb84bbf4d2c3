package com.jobstatus.local;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;

/** What the local stream poller passes on of moto's stream records. */
class StreamPollerTest {

    private static final Map<String, AttributeValue> KEY = Map.of("jobId", AttributeValue.fromS("job-1"));
    private static final Map<String, AttributeValue> ITEM = Map.of("jobId", AttributeValue.fromS("job-1"),
            "userId", AttributeValue.fromS("user-1"), "status", AttributeValue.fromS("QUEUED"));

    @Test
    void onlyMotosKeyOnlyInsertOfAnUpdateItemIsDropped() {
        assertTrue(StreamPoller.isMotosKeyOnlyInsert(record("INSERT", KEY)));
        assertFalse(StreamPoller.isMotosKeyOnlyInsert(record("INSERT", ITEM)));
        assertFalse(StreamPoller.isMotosKeyOnlyInsert(record("MODIFY", ITEM)));
        assertFalse(StreamPoller.isMotosKeyOnlyInsert(record("REMOVE", null)));
    }

    private static Record record(String eventName, Map<String, AttributeValue> newImage) {
        return Record.builder().eventName(eventName).dynamodb(b -> {
            b.keys(KEY).sequenceNumber("1");
            if (newImage != null) {
                b.newImage(newImage);
            }
        }).build();
    }
}
