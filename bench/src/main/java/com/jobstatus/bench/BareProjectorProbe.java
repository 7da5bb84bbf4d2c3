package com.jobstatus.bench;

import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The projector's baseline: per event, the GetItem and the conditional PutItem ProjectorFn makes for it, on
 * the same jobs in the same order, with an item of the same attributes (first write: the item must not exist;
 * later ones: the version read must still be there).
 */
final class BareProjectorProbe extends BareSdkProbe {

    private String jobPrefix;
    private String userId;

    public static void main(String[] args) {
        run(new BareProjectorProbe(), args);
    }

    @Override
    void prepare(Arguments args) {
        jobPrefix = args.text("jobPrefix");
        userId = args.text("userId");
    }

    @Override
    boolean invoke(int i) {
        String jobId = ProjectorEvents.jobId(jobPrefix, i);
        Map<String, AttributeValue> current = getItem(jobId);
        long version = current.isEmpty() ? 0 : Long.parseLong(current.get("version").n());
        String status = ProjectorEvents.status(i);
        Map<String, AttributeValue> item = new HashMap<>(16);
        item.put("jobId", AttributeValue.fromS(jobId));
        item.put("userId", AttributeValue.fromS(userId));
        item.put("status", AttributeValue.fromS(status));
        item.put("attempt", AttributeValue.fromN("1"));
        item.put("orderKey", AttributeValue.fromS("0000000001|" + (i % 3) + "|2026-01-01T00:00:00.000000000Z|" + i));
        item.put("createdAt", AttributeValue.fromS("2026-01-01T00:00:00.000Z"));
        item.put("updatedAt", AttributeValue.fromS("2026-01-01T00:00:00.000Z"));
        item.put("ttl", AttributeValue.fromN("1790000000"));
        item.put("version", AttributeValue.fromN(Long.toString(version + 1)));
        if ("PROCESSING".equals(status)) {
            item.put("progress", AttributeValue.fromN("50"));
        } else if ("COMPLETED".equals(status)) {
            item.put("outputUrl", AttributeValue.fromS("https://cdn.example.com/videos/" + jobId + ".mp4"));
        }
        if (version == 0) {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(jobId)"));
        } else {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("#version = :expected")
                    .expressionAttributeNames(Map.of("#version", "version"))
                    .expressionAttributeValues(Map.of(":expected", AttributeValue.fromN(Long.toString(version)))));
        }
        return version == i % 3;
    }
}
