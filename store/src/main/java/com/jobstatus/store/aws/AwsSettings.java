package com.jobstatus.store.aws;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Where and as whom the AWS clients talk, decided once. Explicit region and credentials provider: the SDK's
 * default chains probe files and the instance metadata service, which costs cold-start time on Lambda
 * and hangs on machines without it.
 *
 * @param endpoint null for AWS itself; the local AWS (moto) otherwise
 */
public record AwsSettings(Region region, URI endpoint, AwsCredentialsProvider credentials,
                          Duration apiCallTimeout, Duration attemptTimeout) {

    /** The whole call, SDK retries included; beyond it a reader answers 503 rather than hang. */
    public static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(6);
    public static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(2);

    /**
     * From the Lambda environment: {@code AWS_REGION} (always set by Lambda), credentials from the
     * {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}/{@code AWS_SESSION_TOKEN} variables Lambda sets,
     * and {@code AWS_ENDPOINT_URL} when pointed at a local AWS.
     */
    public static AwsSettings from(Env env) {
        String endpoint = env.optional("AWS_ENDPOINT_URL", null);
        return new AwsSettings(Region.of(env.required("AWS_REGION")),
                endpoint == null ? null : URI.create(endpoint),
                EnvironmentVariableCredentialsProvider.create(),
                API_CALL_TIMEOUT, ATTEMPT_TIMEOUT);
    }

    /** For a local AWS such as moto, which accepts any credentials. */
    public static AwsSettings local(URI endpoint, String region) {
        return new AwsSettings(Region.of(region), endpoint,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")),
                API_CALL_TIMEOUT, ATTEMPT_TIMEOUT);
    }
}
