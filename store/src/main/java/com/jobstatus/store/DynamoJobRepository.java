package com.jobstatus.store;

import static com.jobstatus.store.JobItemMapper.n;
import static com.jobstatus.store.JobItemMapper.s;

import com.jobstatus.schemas.JobStatus;
import com.jobstatus.schemas.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** {@link JobRepository} on one DynamoDB table, through the AWS SDK v2 client built once per container. */
public final class DynamoJobRepository implements JobRepository {

    /**
     * With a status filter most of the index may be filtered out; a request stops reading after this many
     * rounds and returns what it has with a cursor, so one call's cost stays bounded.
     */
    static final int MAX_QUERY_ROUNDS = 10;

    private static final String NEW_ITEM = "attribute_not_exists(" + JobItemMapper.JOB_ID + ")";
    private static final String SAME_VERSION = "#version = :expected";

    private final DynamoDbClient dynamo;
    private final String tableName;

    public DynamoJobRepository(DynamoDbClient dynamo, String tableName) {
        this.dynamo = dynamo;
        this.tableName = tableName;
    }

    @Override
    public Optional<JobRecord> find(String jobId) {
        GetItemResponse response = call("GetItem", () -> dynamo.getItem(b -> b
                .tableName(tableName)
                .key(Map.of(JobItemMapper.JOB_ID, s(jobId)))
                .consistentRead(true)));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(JobItemMapper.fromItem(response.item()))
                : Optional.empty();
    }

    @Override
    public boolean apply(JobRecord next, long expectedVersion) {
        try {
            call("PutItem", () -> dynamo.putItem(b -> {
                b.tableName(tableName).item(JobItemMapper.toItem(next));
                if (expectedVersion == 0) {
                    b.conditionExpression(NEW_ITEM);
                } else {
                    b.conditionExpression(SAME_VERSION)
                            .expressionAttributeNames(Map.of("#version", JobItemMapper.VERSION))
                            .expressionAttributeValues(Map.of(":expected", n(expectedVersion)));
                }
            }));
            return true;
        } catch (StoreException e) {
            if (e.getCause() instanceof ConditionalCheckFailedException) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Page listByUser(String userId, JobStatus status, int limit, Position after, Instant now) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        names.put("#user", JobItemMapper.USER_ID);
        names.put("#ttl", JobItemMapper.TTL);
        values.put(":user", s(userId));
        values.put(":now", n(now.getEpochSecond()));
        // DynamoDB deletes expired items lazily: hide them as the single-item read does
        String filter = "#ttl > :now";
        if (status != null) {
            names.put("#status", JobItemMapper.STATUS);
            values.put(":status", s(status.name()));
            filter += " AND #status = :status";
        }
        List<JobRecord> items = new ArrayList<>(limit);
        Map<String, AttributeValue> start = after == null ? null : startKey(userId, after);
        for (int round = 0; round < MAX_QUERY_ROUNDS && items.size() < limit; round++) {
            QueryRequest.Builder request = QueryRequest.builder()
                    .tableName(tableName)
                    .indexName(JobsTable.INDEX_BY_USER)
                    .keyConditionExpression("#user = :user")
                    .filterExpression(filter)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .scanIndexForward(false)
                    // Limit counts items read before the filter, so we never get more than we still need
                    .limit(limit - items.size());
            if (start != null) {
                request.exclusiveStartKey(start);
            }
            QueryResponse response = call("Query", () -> dynamo.query(request.build()));
            response.items().forEach(item -> items.add(JobItemMapper.fromItem(item)));
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
            if (start == null) {
                break;
            }
        }
        return new Page(items, start == null ? null : position(start));
    }

    private static Map<String, AttributeValue> startKey(String userId, Position after) {
        return Map.of(
                JobItemMapper.USER_ID, s(userId),
                JobItemMapper.CREATED_AT, s(Timestamps.format(after.createdAt())),
                JobItemMapper.JOB_ID, s(after.jobId()));
    }

    private static Position position(Map<String, AttributeValue> key) {
        return new Position(Timestamps.parse(key.get(JobItemMapper.CREATED_AT).s()), key.get(JobItemMapper.JOB_ID).s());
    }

    private static <T> T call(String operation, Supplier<T> call) {
        return DynamoCalls.call(operation, call);
    }
}
