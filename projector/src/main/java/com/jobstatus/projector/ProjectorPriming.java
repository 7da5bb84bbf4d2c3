package com.jobstatus.projector;

import com.jobstatus.runtime.Telemetry;

/**
 * What ProjectorFn runs before a SnapStart snapshot (registered by {@link ProjectorWiring}), so that a restored
 * function starts with what its first event would otherwise load: the service's event path against the real
 * table, writing nothing; one log line ({@code primed}) as an event's is logged; metrics primed without emitting
 * any.
 */
final class ProjectorPriming {

    private final ProjectorService service;

    ProjectorPriming(ProjectorWiring wiring) {
        this.service = wiring.service();
    }

    void run() {
        service.prime();
        OutcomeLog.FUNCTION.outcome("primed", Outcome.applied("priming", ProjectorService.PRIMING_JOB_ID));
        Telemetry.prime();
    }
}
