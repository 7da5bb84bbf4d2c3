package com.jobstatus.bench;

import com.amazonaws.services.lambda.runtime.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The projector's baseline: per event, the GetItem and the conditional PutItem ProjectorFn makes for it, with an
 * item of the same attributes (first write: the item must not exist; later ones: the version read must still be
 * there). Answers {@code {"applied":true}} when the stored version was the one the event's status implies.
 */
public final class BareProjectorHandler extends BareSdkHandler {

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String event = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        String detail = event.substring(event.indexOf("\"detail\""));
        String jobId = field(detail, "jobId");
        String status = field(detail, "status");
        String at = field(detail, "occurredAt");
        Map<String, AttributeValue> current = getItem(jobId);
        long version = current.isEmpty() ? 0 : Long.parseLong(current.get("version").n());
        int rank = switch (status) {
            case "QUEUED" -> 0;
            case "PROCESSING" -> 1;
            default -> 2;
        };
        Map<String, AttributeValue> item = new HashMap<>(16);
        item.put("jobId", AttributeValue.fromS(jobId));
        item.put("userId", AttributeValue.fromS(field(detail, "userId")));
        item.put("status", AttributeValue.fromS(status));
        item.put("attempt", AttributeValue.fromN("1"));
        item.put("orderKey", AttributeValue.fromS("0000000001|" + rank + "|" + at + "|" + field(event, "id")));
        item.put("createdAt", AttributeValue.fromS(at));
        item.put("updatedAt", AttributeValue.fromS(at));
        item.put("ttl", AttributeValue.fromN("1790000000"));
        item.put("version", AttributeValue.fromN(Long.toString(version + 1)));
        if ("PROCESSING".equals(status)) {
            item.put("progress", AttributeValue.fromN("50"));
        } else if ("COMPLETED".equals(status)) {
            item.put("outputUrl", AttributeValue.fromS(field(detail, "outputUrl")));
        }
        if (version == 0) {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(jobId)"));
        } else {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("#version = :expected")
                    .expressionAttributeNames(Map.of("#version", "version"))
                    .expressionAttributeValues(Map.of(":expected", AttributeValue.fromN(Long.toString(version)))));
        }
        output.write((version == rank ? "{\"applied\":true}" : "{\"applied\":false}").getBytes(StandardCharsets.UTF_8));
    }
}
