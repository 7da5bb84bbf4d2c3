package com.jobstatus.reader;

import com.jobstatus.runtime.AwsSettings;
import com.jobstatus.runtime.Env;
import com.jobstatus.runtime.Origins;
import java.util.List;
import java.util.Set;

/**
 * GetJobFn's configuration, read once at cold start from the environment the template sets.
 *
 * @param allowedOrigins the browser origins allowed to call the API ({@code ALLOWED_ORIGINS}, comma-separated,
 *                       each exactly {@code scheme://host[:port]}); {@code *} and {@code null} are refused
 */
public record ReaderConfig(String tableName, Set<String> allowedOrigins, String stage, String serviceName, AwsSettings aws) {

    static final String TABLE = "JOBS_TABLE_NAME";
    static final String ORIGINS = "ALLOWED_ORIGINS";
    static final String STAGE = "STAGE";
    static final String SERVICE = "POWERTOOLS_SERVICE_NAME";
    /** Every variable this function reads besides the AWS ones Lambda sets; the template test compares. */
    public static final List<String> VARIABLES = List.of(TABLE, ORIGINS, STAGE, SERVICE);

    static ReaderConfig from(Env env) {
        return new ReaderConfig(
                env.required(TABLE),
                origins(env.required(ORIGINS)),
                env.required(STAGE),
                env.optional(SERVICE, "job-status-reader"),
                AwsSettings.from(env));
    }

    static Set<String> origins(String list) {
        return Origins.parse(ORIGINS, list);
    }
}
