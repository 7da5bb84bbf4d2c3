package com.jobstatus.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jobstatus.schemas.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * Lambda's DynamoDB stream event in, its partial batch response out: PushFn's translation, one piece of code for
 * the handler and for priming.
 */
final class StreamBatch {

    private StreamBatch() {
    }

    /** The records of the event ({@code {"Records": [...]}}), in stream order. */
    static List<StreamChange> changes(JsonNode event) {
        List<StreamChange> changes = new ArrayList<>();
        for (JsonNode record : event.path("Records")) {
            JsonNode dynamodb = record.path("dynamodb");
            changes.add(StreamChange.read(dynamodb.path("SequenceNumber").asText(), record.path("eventName").asText(),
                    dynamodb.hasNonNull("NewImage") ? dynamodb.get("NewImage") : null));
        }
        return changes;
    }

    /** {@code ReportBatchItemFailures}: Lambda retries from the first record not handled (from none, when all were). */
    static ObjectNode response(Pusher.Result result) {
        ObjectNode response = Json.MAPPER.createObjectNode();
        var failures = response.putArray("batchItemFailures");
        if (result.failedAt() != null) {
            failures.addObject().put("itemIdentifier", result.failedAt());
        }
        return response;
    }
}
