package com.jobstatus.bench;

/**
 * What one probe JVM runs: a function's handler (with or without SnapStart simulated) or its bare-SDK
 * baseline, against the function's own deployment package.
 */
enum Scenario {

    READER_SNAPSTART(Function.READER, ReaderProbe.class, true, true, "GetJobFn, SnapStart"),
    READER_ON_DEMAND(Function.READER, ReaderProbe.class, false, false, "GetJobFn, no SnapStart"),
    READER_BARE(Function.READER, BareReaderProbe.class, false, true, "bare SDK GetItem"),
    PROJECTOR_SNAPSTART(Function.PROJECTOR, ProjectorProbe.class, true, true, "ProjectorFn, SnapStart"),
    PROJECTOR_ON_DEMAND(Function.PROJECTOR, ProjectorProbe.class, false, false, "ProjectorFn, no SnapStart"),
    PROJECTOR_BARE(Function.PROJECTOR, BareProjectorProbe.class, false, true, "bare SDK GetItem + PutItem");

    final Function function;
    final Class<? extends Probe> probe;
    /** Whether INIT ends with the handler's SnapStart hook ({@code beforeCheckpoint}), as before a snapshot. */
    final boolean snapshot;
    /**
     * Whether the JVM goes on to the warm requests after the first. The warm path does not depend on how INIT
     * went, so the column without SnapStart stops after its first request and the run spends its time (the
     * local AWS needs milliseconds per call) where the warm figures come from.
     */
    final boolean warm;
    final String label;

    Scenario(Function function, Class<? extends Probe> probe, boolean snapshot, boolean warm, String label) {
        this.function = function;
        this.probe = probe;
        this.snapshot = snapshot;
        this.warm = warm;
        this.label = label;
    }

    boolean bare() {
        return BareSdkProbe.class.isAssignableFrom(probe);
    }

    /** The command-line name: {@code reader-snapstart}, ... */
    String id() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** The two functions, each with its deployment package and the DynamoDB calls one request makes. */
    enum Function {
        READER("GetJobFn", "reader", 1),
        PROJECTOR("ProjectorFn", "projector", 2);

        final String functionName;
        final String module;
        final int dynamoCallsPerRequest;

        Function(String functionName, String module, int dynamoCallsPerRequest) {
            this.functionName = functionName;
            this.module = module;
            this.dynamoCallsPerRequest = dynamoCallsPerRequest;
        }

        Scenario snapstart() {
            return this == READER ? READER_SNAPSTART : PROJECTOR_SNAPSTART;
        }

        Scenario onDemand() {
            return this == READER ? READER_ON_DEMAND : PROJECTOR_ON_DEMAND;
        }

        Scenario bare() {
            return this == READER ? READER_BARE : PROJECTOR_BARE;
        }

        /** Where {@code ./mvnw package} writes the Lambda zip, relative to the repository root. */
        String zip() {
            return module + "/target/" + module + "-lambda.zip";
        }
    }
}
