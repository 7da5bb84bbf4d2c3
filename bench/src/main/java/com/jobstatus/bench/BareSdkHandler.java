package com.jobstatus.bench;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The baseline (docs/DESIGN.md §10): a Lambda handler that makes the same DynamoDB calls as a function and
 * nothing else (no contract check, logging, metrics or JSON mapping of ours), run under the same runtime client
 * with the function's own libraries. A stream handler, so the runtime hands it bytes and maps no types: what is
 * left is the JVM, the RIC and the SDK. The client is built the plain way, with SDK defaults, except for what any
 * Lambda would set: the URLConnection HTTP client the functions use too (the only one in their zips), the region
 * and the credentials from the environment, and the local endpoint.
 *
 * <p>These classes are copied into the baseline's task root by {@link Bench}; they may use only the JDK, the SDK
 * and {@code aws-lambda-java-core}.
 */
abstract class BareSdkHandler implements RequestStreamHandler {

    final DynamoDbClient dynamo = DynamoDbClient.builder()
            .httpClient(UrlConnectionHttpClient.create())
            .region(Region.of(System.getenv("AWS_REGION")))
            .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
            .endpointOverride(URI.create(System.getenv("AWS_ENDPOINT_URL")))
            .build();
    final String table = System.getenv("JOBS_TABLE_NAME");

    /** GetItem by key, strongly consistent, as the functions read a job. */
    Map<String, AttributeValue> getItem(String jobId) {
        return dynamo.getItem(b -> b.tableName(table)
                .key(Map.of("jobId", AttributeValue.fromS(jobId)))
                .consistentRead(true)).item();
    }

    /** The string value of {@code "name":"..."} in a JSON text without escapes: what a baseline may know. */
    static String field(String json, String name) {
        String key = "\"" + name + "\":\"";
        int start = json.indexOf(key) + key.length();
        return json.substring(start, json.indexOf('"', start));
    }
}
