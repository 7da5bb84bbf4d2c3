package com.jobstatus.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.jobstatus.testing.TestContext;
import org.crac.Resource;

/**
 * A probe of one of our functions: INIT builds the handler with its public no-argument constructor from the
 * environment, as Lambda's runtime does; SnapStart is simulated by calling its {@code beforeCheckpoint}.
 */
abstract class FunctionProbe<H extends Resource> extends Probe {

    H handler;
    Context context;

    /** The handler's public constructor: what Lambda calls. */
    abstract H newHandler();

    @Override
    final void init(Arguments args) {
        handler = newHandler();
    }

    @Override
    final void beforeSnapshot() {
        try {
            handler.beforeCheckpoint(null);
        } catch (Exception e) {
            throw new IllegalStateException("the SnapStart hook failed", e);
        }
    }

    /** The Lambda context every request gets; one fixed request id, so the probe spends nothing making ids. */
    Context context() {
        if (context == null) {
            context = new TestContext(System.getenv("AWS_LAMBDA_FUNCTION_NAME"), "bench-request");
        }
        return context;
    }
}
