package com.jobstatus.runtime;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SnapStart for every function: runs its priming once before the snapshot (docs/DESIGN.md §10), so a
 * restored function starts with what its first request would otherwise load. Each function's wiring calls
 * {@link #primeBeforeSnapshot} once in INIT; without SnapStart the hook never runs and nothing is paid.
 */
public final class SnapStart {

    private static final Logger LOG = LoggerFactory.getLogger(SnapStart.class);
    /** CRaC holds its resources weakly: without a strong reference the hook could be collected before it runs. */
    private static final List<Resource> HOOKS = new CopyOnWriteArrayList<>();

    private SnapStart() {
    }

    /**
     * Registers {@code priming} to run before the snapshot. A failure is logged and swallowed: a cold first
     * request is better than a failed deployment.
     */
    public static void primeBeforeSnapshot(String function, Runnable priming) {
        Resource hook = new Resource() {
            @Override
            public void beforeCheckpoint(Context<? extends Resource> context) {
                try {
                    priming.run();
                } catch (RuntimeException e) {
                    LOG.warn("priming failed; the first request will load what priming would have",
                            entry("function", function), entry("errorType", e.getClass().getSimpleName()));
                }
            }

            @Override
            public void afterRestore(Context<? extends Resource> context) {
                // nothing to refresh: SDK clients open new connections on first use, credentials come from
                // the environment, caches in the snapshot stay valid
            }
        };
        HOOKS.add(hook);
        Core.getGlobalContext().register(hook);
    }
}
