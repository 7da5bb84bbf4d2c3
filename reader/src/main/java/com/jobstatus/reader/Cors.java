package com.jobstatus.reader;

import java.util.Map;
import java.util.Set;

/**
 * CORS for the Read API (docs/DESIGN.md §6): an origin is allowed only by exact match against the
 * configured list, and is then echoed back; never {@code *}, never {@code null}. The preflight needs no
 * authentication: a preflight answered 403 makes browsers refuse every call.
 */
public final class Cors {

    /**
     * What a page may read besides the simple headers: the tag it sends back in {@code If-None-Match}, and how long
     * to wait after a 503. The template's gateway responses expose the same (a template test compares).
     */
    public static final String EXPOSE_HEADERS = "ETag, Retry-After";
    static final String ALLOW_METHODS = "GET, OPTIONS";
    static final String ALLOW_HEADERS = "Authorization, Content-Type, If-None-Match";
    static final String MAX_AGE_SECONDS = "600";

    private final Set<String> allowedOrigins;

    Cors(Set<String> allowedOrigins) {
        this.allowedOrigins = Set.copyOf(allowedOrigins);
    }

    boolean allows(String origin) {
        return origin != null && allowedOrigins.contains(origin);
    }

    /** Headers for an actual response (errors and 304 included). */
    void addTo(Map<String, String> headers, String origin) {
        // the answer depends on Origin even when it is refused, so caches must key on it
        headers.put("Vary", "Origin");
        if (allows(origin)) {
            headers.put("Access-Control-Allow-Origin", origin);
            headers.put("Access-Control-Expose-Headers", EXPOSE_HEADERS);
        }
    }

    /** Headers for a preflight: the same, plus what the browser may send and how long it may remember. */
    void addPreflightTo(Map<String, String> headers, String origin) {
        headers.put("Vary", "Origin");
        if (allows(origin)) {
            headers.put("Access-Control-Allow-Origin", origin);
            headers.put("Access-Control-Allow-Methods", ALLOW_METHODS);
            headers.put("Access-Control-Allow-Headers", ALLOW_HEADERS);
            headers.put("Access-Control-Max-Age", MAX_AGE_SECONDS);
        }
    }
}
