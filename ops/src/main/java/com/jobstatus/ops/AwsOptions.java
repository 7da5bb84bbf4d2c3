package com.jobstatus.ops;

import com.jobstatus.runtime.AwsSettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileProperty;
import software.amazon.awssdk.regions.Region;

/** Where the tool's AWS calls go: AWS (credentials as the AWS CLI finds them, or a profile), or a local AWS. */
final class AwsOptions {

    /** Longer than a function may wait: a PutEvents of 256 KB from a laptop, a long poll of the queue. */
    static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(90);
    static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(25);

    @Option(names = "--endpoint", paramLabel = "URL",
            description = "A local AWS instead of AWS, e.g. http://127.0.0.1:4566 (the local stack); it "
                    + "accepts any credentials.")
    URI endpoint;

    @Option(names = "--region",
            description = "AWS region. Default: AWS_REGION, AWS_DEFAULT_REGION, or the profile's region.")
    String region;

    @Option(names = "--profile", description = "Named profile (~/.aws/config) for credentials and region.")
    String profile;

    AwsSettings settings(Map<String, String> environment) {
        Region resolved = Region.of(region(environment));
        AwsCredentialsProvider credentials;
        if (profile != null) {
            credentials = ProfileCredentialsProvider.create(profile);
        } else if (endpoint != null) {
            credentials = AwsSettings.local(endpoint, resolved.id()).credentials();
        } else {
            // environment variables, profiles, SSO, container or instance roles: as the AWS CLI does
            credentials = DefaultCredentialsProvider.builder().build();
        }
        return new AwsSettings(resolved, endpoint, credentials, API_CALL_TIMEOUT, ATTEMPT_TIMEOUT, List.of());
    }

    private String region(Map<String, String> environment) {
        if (region != null) {
            return region;
        }
        for (String variable : List.of("AWS_REGION", "AWS_DEFAULT_REGION")) {
            String value = environment.get(variable);
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        String profileName = Optional.ofNullable(profile)
                .or(() -> Optional.ofNullable(environment.get("AWS_PROFILE"))).orElse("default");
        return ProfileFile.defaultProfileFile().profile(profileName)
                .flatMap(p -> p.property(ProfileProperty.REGION))
                .orElseThrow(() -> new IllegalArgumentException(
                        "no AWS region: pass --region, or set AWS_REGION, or give the profile a region"));
    }
}
