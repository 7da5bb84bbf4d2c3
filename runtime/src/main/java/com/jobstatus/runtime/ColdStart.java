package com.jobstatus.runtime;

import org.slf4j.MDC;

/**
 * The {@code cold_start} of a handler's log lines: true on its first request only. Powertools keeps one flag per
 * process, which priming's requests (run through a handler of their own before the snapshot) would use up; this
 * one belongs to the handler, so the real handler's first request after INIT or a restore says true.
 */
public final class ColdStart {

    private boolean served;

    /** Call inside Powertools' logging scope, once per request: it sets the field after Powertools does. */
    public void mark() {
        MDC.put("cold_start", Boolean.toString(!served));
        served = true;
    }
}
