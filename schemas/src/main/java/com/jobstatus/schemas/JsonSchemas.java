package com.jobstatus.schemas;

import com.networknt.schema.ExecutionContext;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.format.Format;

/**
 * The contract's JSON Schemas (classpath {@code schemas/}), loaded by file name. Schemas refer to each
 * other by {@code $id}, which resolves to the classpath, never to the network. Loading is the costly part:
 * load once per container and keep the result.
 */
public final class JsonSchemas {

    public static final String JOB_STATUS_CHANGED = "job-status-changed.schema.json";
    public static final String JOB = "job.schema.json";
    public static final String JOB_LIST = "job-list.schema.json";
    public static final String ERROR = "error.schema.json";

    private static final String ID_PREFIX = "https://jobstatus.dev/schemas/";

    /**
     * {@code date-time} is the parser's own rule ({@link Timestamps#parseWithOffset}), so a string the
     * schema lets through always parses: networknt's built-in one accepts forms the code does not (a space
     * for {@code T}), and two statements of one rule drift apart.
     */
    static final Format DATE_TIME = new Format() {
        @Override
        public String getName() {
            return "date-time";
        }

        @Override
        public boolean matches(ExecutionContext context, String value) {
            return Timestamps.parseWithOffset(value).isPresent();
        }
    };

    private static final Dialect DIALECT = Dialect.builder(Dialects.getDraft202012()).format(DATE_TIME).build();

    private JsonSchemas() {
    }

    public static Schema load(String fileName) {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(DIALECT,
                builder -> builder
                        // date-time is only an annotation in 2020-12 unless assertions are switched on
                        .schemaRegistryConfig(SchemaRegistryConfig.builder()
                                .formatAssertionsEnabled(true)
                                // messages for people live in the schema, next to the rule they explain
                                .errorMessageKeyword("errorMessage")
                                .build())
                        .schemaIdResolvers(resolvers -> resolvers.mapPrefix(ID_PREFIX, "classpath:schemas/")));
        Schema schema = registry.getSchema(SchemaLocation.of(ID_PREFIX + fileName));
        schema.initializeValidators();
        return schema;
    }
}
