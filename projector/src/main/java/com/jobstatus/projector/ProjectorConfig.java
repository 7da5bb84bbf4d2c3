package com.jobstatus.projector;

import com.jobstatus.runtime.AwsSettings;
import com.jobstatus.runtime.Env;
import com.jobstatus.schemas.EventContract;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * ProjectorFn's configuration, read once at cold start from the environment the template sets.
 *
 * @param eventSources the allow-list of EventBridge sources ({@code EVENT_SOURCES}, comma-separated)
 * @param jobTtl       how long a job lives after its last update ({@code JOB_TTL_DAYS}, default 30)
 */
public record ProjectorConfig(String tableName, String failureQueueUrl, Set<String> eventSources, Duration jobTtl,
                       String stage, String serviceName, AwsSettings aws) {

    static final String TABLE = "JOBS_TABLE_NAME";
    static final String FAILURE_QUEUE = "FAILURE_QUEUE_URL";
    static final String SOURCES = "EVENT_SOURCES";
    static final String TTL_DAYS = "JOB_TTL_DAYS";
    static final String STAGE = "STAGE";
    static final String SERVICE = "POWERTOOLS_SERVICE_NAME";
    /** Every variable this function reads besides the AWS ones Lambda sets; the template test compares. */
    public static final List<String> VARIABLES = List.of(TABLE, FAILURE_QUEUE, SOURCES, TTL_DAYS, STAGE, SERVICE);

    static ProjectorConfig from(Env env) {
        String list = env.optional(SOURCES, String.join(",", EventContract.DEFAULT_SOURCES));
        // in the configured order, so a refusal lists them as the deployment does
        LinkedHashSet<String> ordered = Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        Set<String> sources = Collections.unmodifiableSet(ordered);
        if (sources.isEmpty()) {
            throw new IllegalStateException("environment variable " + SOURCES + " names no source");
        }
        return new ProjectorConfig(
                env.required(TABLE),
                env.required(FAILURE_QUEUE),
                sources,
                Duration.ofDays(env.optionalInt(TTL_DAYS, 30, 1, 365)),
                env.required(STAGE),
                env.optional(SERVICE, "job-status-projector"),
                AwsSettings.from(env));
    }
}
