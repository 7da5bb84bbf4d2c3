package com.jobstatus.connections;

import static com.jobstatus.store.DynamoCalls.call;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** {@link ConnectionRepository} on one DynamoDB table, through the SDK client built once per container. */
public final class DynamoConnectionRepository implements ConnectionRepository {

    private final DynamoDbClient dynamo;
    private final String tableName;

    public DynamoConnectionRepository(DynamoDbClient dynamo, String tableName) {
        this.dynamo = dynamo;
        this.tableName = tableName;
    }

    @Override
    public void add(Connection connection) {
        call("PutItem", () -> dynamo.putItem(b -> b.tableName(tableName).item(ConnectionItemMapper.toItem(connection))));
    }

    @Override
    public void remove(String connectionId) {
        call("DeleteItem", () -> dynamo.deleteItem(b -> b.tableName(tableName)
                .key(Map.of(ConnectionItemMapper.CONNECTION_ID, AttributeValue.fromS(connectionId)))));
    }

    @Override
    public List<Connection> ofUser(String userId, Instant now) {
        List<Connection> connections = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = call("Query", () -> dynamo.query(b -> {
                b.tableName(tableName).indexName(ConnectionsTable.INDEX_BY_USER)
                        .keyConditionExpression("#user = :user")
                        // DynamoDB deletes expired items lazily; such a connection is closed already
                        .filterExpression("#ttl > :now")
                        .expressionAttributeNames(Map.of("#user", ConnectionItemMapper.USER_ID,
                                "#ttl", ConnectionItemMapper.TTL))
                        .expressionAttributeValues(Map.of(":user", AttributeValue.fromS(userId),
                                ":now", AttributeValue.fromN(Long.toString(now.getEpochSecond()))));
                if (from != null) {
                    b.exclusiveStartKey(from);
                }
            }));
            page.items().forEach(item -> connections.add(ConnectionItemMapper.fromItem(item)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return connections;
    }
}
