package com.jobstatus.runtime;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;

/**
 * Where and as whom the AWS clients talk, decided once. Explicit region and credentials provider: the SDK's
 * default chains probe files and the instance metadata service, which costs cold-start time on Lambda
 * and hangs on machines without it.
 *
 * @param endpoint null for AWS itself; the local AWS (moto) otherwise
 */
public record AwsSettings(Region region, URI endpoint, AwsCredentialsProvider credentials,
                          Duration apiCallTimeout, Duration attemptTimeout, List<ExecutionInterceptor> interceptors) {

    public AwsSettings {
        interceptors = List.copyOf(interceptors);
    }

    /** The whole call, SDK retries included; beyond it a reader answers 503 rather than hang. */
    public static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(6);
    public static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(2);

    /**
     * From the Lambda environment: {@code AWS_REGION} (always set by Lambda), {@code AWS_ENDPOINT_URL} when
     * pointed at a local AWS, and the credentials Lambda provides (see {@link #credentials(Env)}).
     */
    public static AwsSettings from(Env env) {
        String endpoint = env.optional("AWS_ENDPOINT_URL", null);
        return new AwsSettings(Region.of(env.required("AWS_REGION")),
                endpoint == null ? null : URI.create(endpoint),
                credentials(env),
                API_CALL_TIMEOUT, ATTEMPT_TIMEOUT, List.of());
    }

    /**
     * With SnapStart, Lambda hands out credentials through the container credentials endpoint
     * ({@code AWS_CONTAINER_CREDENTIALS_FULL_URI}), not through access key variables: a snapshot must not
     * hold keys that expire. Without SnapStart (and locally) the key variables are set.
     */
    static AwsCredentialsProvider credentials(Env env) {
        if (env.optional("AWS_CONTAINER_CREDENTIALS_FULL_URI", null) != null) {
            return ContainerCredentialsProvider.builder().build();
        }
        String keyId = env.required("AWS_ACCESS_KEY_ID");
        String secret = env.required("AWS_SECRET_ACCESS_KEY");
        String token = env.optional("AWS_SESSION_TOKEN", null);
        return StaticCredentialsProvider.create(token == null
                ? AwsBasicCredentials.create(keyId, secret)
                : AwsSessionCredentials.create(keyId, secret, token));
    }

    /**
     * For a local AWS such as moto, which accepts any credentials. Generous timeouts: on a busy build machine a
     * table creation can take seconds, and a timed-out, retried CreateTable meets its own first attempt.
     */
    public static AwsSettings local(URI endpoint, String region) {
        return new AwsSettings(Region.of(region), endpoint,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")),
                Duration.ofSeconds(60), Duration.ofSeconds(20), List.of());
    }

    /** The same settings with one more SDK interceptor, such as a fault injector in tests. */
    public AwsSettings withInterceptor(ExecutionInterceptor interceptor) {
        List<ExecutionInterceptor> more = new ArrayList<>(interceptors);
        more.add(interceptor);
        return new AwsSettings(region, endpoint, credentials, apiCallTimeout, attemptTimeout, more);
    }
}
