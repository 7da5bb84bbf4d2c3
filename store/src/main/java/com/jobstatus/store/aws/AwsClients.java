package com.jobstatus.store.aws;

import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Builds AWS SDK v2 clients the one way this service uses them: the URLConnection HTTP client (the
 * lightest to load, which matters on a 256 MB function), explicit region, credentials and timeouts.
 * Build each client once per container and share it; they are thread-safe.
 */
public final class AwsClients {

    private AwsClients() {
    }

    public static DynamoDbClient dynamo(AwsSettings settings) {
        return configure(DynamoDbClient.builder(), settings).build();
    }

    /** Applies the settings to any SDK client builder (DynamoDB, SQS, EventBridge, ...). */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(
            B builder, AwsSettings settings) {
        builder.httpClient(UrlConnectionHttpClient.create())
                .region(settings.region())
                .credentialsProvider(settings.credentials())
                .overrideConfiguration(o -> o
                        .apiCallTimeout(settings.apiCallTimeout())
                        .apiCallAttemptTimeout(settings.attemptTimeout()));
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        return builder;
    }
}
