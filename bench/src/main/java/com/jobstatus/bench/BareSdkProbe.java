package com.jobstatus.bench;

import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The baseline: the same DynamoDB calls as a function makes, from a plain SDK client and nothing else (no
 * handler, contract check, logging, metrics or JSON of ours). Built the plain way, with SDK defaults, except
 * for what any Lambda would set: the URLConnection HTTP client the functions use too (the only one on their
 * class path), the region and the credentials from the environment, and the local endpoint.
 */
abstract class BareSdkProbe extends Probe {

    DynamoDbClient dynamo;
    String table;

    @Override
    void init(Arguments args) {
        dynamo = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(System.getenv("AWS_REGION")))
                .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
                .endpointOverride(URI.create(System.getenv("AWS_ENDPOINT_URL")))
                .build();
        table = System.getenv("JOBS_TABLE_NAME");
    }

    /** GetItem by key, strongly consistent, as the functions read a job. */
    Map<String, AttributeValue> getItem(String jobId) {
        return dynamo.getItem(b -> b.tableName(table)
                .key(Map.of("jobId", AttributeValue.fromS(jobId)))
                .consistentRead(true)).item();
    }
}
