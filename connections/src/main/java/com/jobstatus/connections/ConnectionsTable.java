package com.jobstatus.connections;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The shape of the Connections table: key {@code connectionId}, index {@code byUser} (partition {@code userId}),
 * TTL attribute {@code ttl}. The template declares the same; a template test holds the two together, and
 * integration tests and the local stack create their tables from here.
 */
public final class ConnectionsTable {

    public static final String KEY = "connectionId";
    public static final String INDEX_BY_USER = "byUser";
    public static final String INDEX_PARTITION = "userId";
    public static final String TTL_ATTRIBUTE = "ttl";

    private ConnectionsTable() {
    }

    /** {@code Connections-{stage}}, the name the template gives the table. */
    public static String nameFor(String stage) {
        return "Connections-" + stage;
    }

    /** Creates the table as the template declares it (on-demand billing, TTL on) and waits until it is active. */
    public static void create(DynamoDbClient dynamo, String tableName) {
        dynamo.createTable(b -> b
                .tableName(tableName)
                .billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(
                        a -> a.attributeName(KEY).attributeType(ScalarAttributeType.S),
                        a -> a.attributeName(INDEX_PARTITION).attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName(KEY).keyType(KeyType.HASH))
                .globalSecondaryIndexes(i -> i.indexName(INDEX_BY_USER)
                        .keySchema(k -> k.attributeName(INDEX_PARTITION).keyType(KeyType.HASH))
                        .projection(p -> p.projectionType(ProjectionType.ALL))));
        dynamo.waiter().waitUntilTableExists(b -> b.tableName(tableName));
        dynamo.updateTimeToLive(b -> b.tableName(tableName)
                .timeToLiveSpecification(t -> t.attributeName(TTL_ATTRIBUTE).enabled(true)));
    }
}
