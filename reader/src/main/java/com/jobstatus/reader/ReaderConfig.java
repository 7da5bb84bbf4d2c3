package com.jobstatus.reader;

import com.jobstatus.runtime.AwsSettings;
import com.jobstatus.runtime.Env;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashSet;
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
        Set<String> origins = new LinkedHashSet<>();
        for (String origin : Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList()) {
            if (!isOrigin(origin)) {
                throw new IllegalStateException("environment variable " + ORIGINS + ": '" + origin
                        + "' is not an origin such as https://app.example.com (no '*', no 'null', no path)");
            }
            origins.add(origin);
        }
        return Set.copyOf(origins);
    }

    private static boolean isOrigin(String origin) {
        try {
            URI uri = URI.create(origin);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
                    && uri.getHost() != null && uri.getRawPath().isEmpty() && uri.getRawQuery() == null
                    && uri.getRawFragment() == null && uri.getRawUserInfo() == null
                    && origin.equals(uri.getScheme() + "://" + uri.getRawAuthority());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
