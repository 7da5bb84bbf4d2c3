package com.jobstatus.bench;

import java.util.Locale;

/**
 * One column of the benchmark: a function (or its peer, or its bare-SDK baseline) run the way Lambda runs it,
 * in fresh processes under the {@link RuntimeApi}.
 */
enum Column {

    READER_ON_DEMAND(Function.READER, Runtime.JAVA, false, "GetJobFn, no SnapStart"),
    READER_SNAPSTART(Function.READER, Runtime.JAVA, true, "GetJobFn, SnapStart"),
    READER_PEER(Function.READER, Runtime.PYTHON, false, "Python GetJob peer"),
    READER_BARE(Function.READER, Runtime.JAVA_BARE, false, "bare SDK GetItem (Java)"),
    PROJECTOR_ON_DEMAND(Function.PROJECTOR, Runtime.JAVA, false, "ProjectorFn, no SnapStart"),
    PROJECTOR_SNAPSTART(Function.PROJECTOR, Runtime.JAVA, true, "ProjectorFn, SnapStart"),
    PROJECTOR_PEER(Function.PROJECTOR, Runtime.PYTHON, false, "Python projector peer"),
    PROJECTOR_BARE(Function.PROJECTOR, Runtime.JAVA_BARE, false, "bare SDK GetItem + PutItem (Java)");

    /** What runs in the process. */
    enum Runtime {
        /** Our function's handler from its Lambda zip, under AWS's Java Runtime Interface Client. */
        JAVA,
        /** The bare-SDK baseline handler, under the same client, with the function's zip's libraries. */
        JAVA_BARE,
        /** The Python peer under {@code bench/peers/bootstrap.py}. */
        PYTHON
    }

    /** The two functions: their package, handler, peer and baseline. */
    enum Function {
        READER("GetJobFn", "reader", "com.jobstatus.reader.GetJobHandler",
                BareReaderHandler.class, "python-getjob"),
        PROJECTOR("ProjectorFn", "projector", "com.jobstatus.projector.ProjectorHandler::handleRequest",
                BareProjectorHandler.class, "python-projector");

        final String functionName;
        final String module;
        final String handler;
        final Class<?> bareHandler;
        final String peerDirectory;

        Function(String functionName, String module, String handler, Class<?> bareHandler, String peerDirectory) {
            this.functionName = functionName;
            this.module = module;
            this.handler = handler;
            this.bareHandler = bareHandler;
            this.peerDirectory = peerDirectory;
        }

        /** Where {@code ./mvnw package} writes the Lambda zip, relative to the repository root. */
        String zip() {
            return module + "/target/" + module + "-lambda.zip";
        }

        Column onDemand() {
            return this == READER ? READER_ON_DEMAND : PROJECTOR_ON_DEMAND;
        }

        Column snapStart() {
            return this == READER ? READER_SNAPSTART : PROJECTOR_SNAPSTART;
        }

        Column peer() {
            return this == READER ? READER_PEER : PROJECTOR_PEER;
        }

        Column bare() {
            return this == READER ? READER_BARE : PROJECTOR_BARE;
        }
    }

    final Function function;
    final Runtime runtime;
    /** SnapStart simulated: the RIC runs the {@code beforeCheckpoint} hooks at the end of INIT. */
    final boolean snapStart;
    final String label;

    Column(Function function, Runtime runtime, boolean snapStart, String label) {
        this.function = function;
        this.runtime = runtime;
        this.snapStart = snapStart;
        this.label = label;
    }

    /** The command-line name: {@code reader-snapstart}, ... */
    String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    boolean isJava() {
        return runtime != Runtime.PYTHON;
    }
}
