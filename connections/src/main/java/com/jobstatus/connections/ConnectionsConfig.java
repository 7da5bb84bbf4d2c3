package com.jobstatus.connections;

import com.jobstatus.runtime.AwsSettings;
import com.jobstatus.runtime.Env;
import java.util.List;

/** ConnectionsFn's configuration, read once at cold start from the environment the template sets. */
public record ConnectionsConfig(String tableName, String stage, String serviceName, AwsSettings aws) {

    static final String TABLE = "CONNECTIONS_TABLE_NAME";
    static final String STAGE = "STAGE";
    static final String SERVICE = "POWERTOOLS_SERVICE_NAME";
    /** Every variable this function reads besides the AWS ones Lambda sets; the template test compares. */
    public static final List<String> VARIABLES = List.of(TABLE, STAGE, SERVICE);

    static ConnectionsConfig from(Env env) {
        return new ConnectionsConfig(env.required(TABLE), env.required(STAGE),
                env.optional(SERVICE, "job-status-connections"), AwsSettings.from(env));
    }
}
