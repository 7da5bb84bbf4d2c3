package com.jobstatus.store;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveRequest;

/**
 * The shape of the Jobs table: key, {@code byUser} index, stream and TTL attribute (docs/DESIGN.md §4). The
 * template declares the same; a template test holds the two together, and integration tests and the local
 * stack create their tables from here.
 */
public final class JobsTable {

    public static final String KEY = "jobId";
    public static final String INDEX_BY_USER = "byUser";
    public static final String INDEX_PARTITION = "userId";
    public static final String INDEX_SORT = "createdAt";
    public static final String TTL_ATTRIBUTE = "ttl";
    /** The table's stream carries each item as written: PushFn sends it to the owner's WebSocket connections. */
    public static final StreamViewType STREAM_VIEW_TYPE = StreamViewType.NEW_IMAGE;

    private JobsTable() {
    }

    /** {@code Jobs-{stage}}, the name the template gives the table. */
    public static String nameFor(String stage) {
        return "Jobs-" + stage;
    }

    /** Creates the table as the template declares it (on-demand billing, stream, TTL on) and waits until it is active. */
    public static void create(DynamoDbClient dynamo, String tableName) {
        dynamo.createTable(CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        attribute(KEY), attribute(INDEX_PARTITION), attribute(INDEX_SORT))
                .keySchema(key(KEY, KeyType.HASH))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                        .indexName(INDEX_BY_USER)
                        .keySchema(List.of(key(INDEX_PARTITION, KeyType.HASH), key(INDEX_SORT, KeyType.RANGE)))
                        .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                        .build())
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(STREAM_VIEW_TYPE))
                .build());
        dynamo.waiter().waitUntilTableExists(b -> b.tableName(tableName));
        dynamo.updateTimeToLive(UpdateTimeToLiveRequest.builder()
                .tableName(tableName)
                .timeToLiveSpecification(TimeToLiveSpecification.builder()
                        .attributeName(TTL_ATTRIBUTE).enabled(true).build())
                .build());
    }

    private static AttributeDefinition attribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
