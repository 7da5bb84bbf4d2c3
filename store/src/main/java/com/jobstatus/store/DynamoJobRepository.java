package com.jobstatus.store;

import static com.jobstatus.store.JobItemMapper.n;
import static com.jobstatus.store.JobItemMapper.s;

import com.jobstatus.schemas.JobStatus;
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
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/** {@link JobRepository} on one DynamoDB table, through the AWS SDK v2 client built once per container. */
public final class DynamoJobRepository implements JobRepository {

    /**
     * With a status filter most of the index may be filtered out; a request stops reading after this many
     * rounds and returns what it has with a cursor, so one call's cost stays bounded.
     */
    static final int MAX_QUERY_ROUNDS = 10;

    /**
     * DynamoDB deletes expired items lazily: hide them as the single-item read does. An item without a numeric
     * {@code ttl} (another writer's) never expires, as DynamoDB's TTL sees it too.
     */
    private static final String NOT_EXPIRED = "(attribute_not_exists(#ttl) OR NOT attribute_type(#ttl, :number)"
            + " OR #ttl > :now)";

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

    /**
     * UpdateItem, not PutItem: other writers' own attributes stay. The condition is the read's {@link Revision}:
     * each attribute the mapping read still as it was, or still absent.
     */
    @Override
    public boolean apply(JobRecord next, Revision expected) {
        return update(next.jobId(), JobItemMapper.write(next), JobItemMapper.expecting(expected), false) == null;
    }

    /**
     * One UpdateItem conditioned on {@link JobItemMapper#advancing}; when the condition fails, DynamoDB returns the
     * item as it was (ALL_OLD), which is the read the caller needs: no GetItem unless it does not.
     */
    @Override
    public Advance advance(JobRecord first) {
        if (!JobItemMapper.canAdvance(first)) {
            return new Advance.Refused(find(first.jobId()));
        }
        ConditionalCheckFailedException refused =
                update(first.jobId(), JobItemMapper.advance(first), JobItemMapper.advancing(first), true);
        if (refused == null) {
            return Advance.WRITTEN;
        }
        return new Advance.Refused(refused.hasItem() && !refused.item().isEmpty()
                ? Optional.of(JobItemMapper.fromItem(refused.item())) : find(first.jobId()));
    }

    /**
     * One conditional UpdateItem.
     *
     * @param itemOnRefusal have DynamoDB return the item as it was if the condition fails
     * @return null when written; DynamoDB's refusal when the condition failed
     */
    private ConditionalCheckFailedException update(String jobId, ItemUpdate update, Condition condition,
                                                   boolean itemOnRefusal) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        String updateExpression = update.render(names, values);
        String conditionExpression = condition.render(names, values);
        try {
            call("UpdateItem", () -> dynamo.updateItem(b -> b
                    .tableName(tableName)
                    .key(Map.of(JobItemMapper.JOB_ID, s(jobId)))
                    .updateExpression(updateExpression)
                    .conditionExpression(conditionExpression)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .returnValuesOnConditionCheckFailure(itemOnRefusal
                            ? ReturnValuesOnConditionCheckFailure.ALL_OLD : ReturnValuesOnConditionCheckFailure.NONE)));
            return null;
        } catch (StoreException e) {
            if (e.getCause() instanceof ConditionalCheckFailedException refused) {
                return refused;
            }
            throw e;
        }
    }

    @Override
    public Page listByUser(String userId, JobStatus status, int limit, Position after, Instant now) {
        Map<String, String> names = Map.of("#user", JobItemMapper.USER_ID, "#ttl", JobItemMapper.TTL);
        Map<String, AttributeValue> values = Map.of(":user", s(userId), ":now", n(now.getEpochSecond()),
                ":number", s("N"));
        List<JobRecord> items = new ArrayList<>(limit);
        Map<String, AttributeValue> start = after == null ? null : startKey(userId, after);
        for (int round = 0; round < MAX_QUERY_ROUNDS && items.size() < limit; round++) {
            QueryRequest.Builder request = QueryRequest.builder()
                    .tableName(tableName)
                    .indexName(JobsTable.INDEX_BY_USER)
                    .keyConditionExpression("#user = :user")
                    .filterExpression(NOT_EXPIRED)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .scanIndexForward(false)
                    // Limit counts items read before any filter, so we never get more than we still need
                    .limit(limit - items.size());
            if (start != null) {
                request.exclusiveStartKey(start);
            }
            QueryResponse response = call("Query", () -> dynamo.query(request.build()));
            // the status filter is ours, not DynamoDB's: the status readers see is the mapped one, whatever
            // spelling another writer stored
            response.items().stream().map(JobItemMapper::fromItem)
                    .filter(job -> status == null || job.status() == status)
                    .forEach(items::add);
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
                JobItemMapper.CREATED_AT, s(after.createdAt()),
                JobItemMapper.JOB_ID, s(after.jobId()));
    }

    private static Position position(Map<String, AttributeValue> key) {
        return new Position(key.get(JobItemMapper.CREATED_AT).s(), key.get(JobItemMapper.JOB_ID).s());
    }

    private static <T> T call(String operation, Supplier<T> call) {
        return DynamoCalls.call(operation, call);
    }
}
