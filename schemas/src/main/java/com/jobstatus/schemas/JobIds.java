package com.jobstatus.schemas;

/**
 * The job id rule of docs/DESIGN.md §3, for code that must check an id before it touches anything
 * (the reader checks path ids with it before any DynamoDB call). The event schema states the same rule;
 * a test holds the two together.
 */
public final class JobIds {

    public static final int MAX_LENGTH = 128;

    private JobIds() {
    }

    /**
     * True for 1-128 characters of {@code [A-Za-z0-9._:-]} (all ASCII, so characters are bytes), except
     * {@code .} and {@code ..}: as URL path segments those mean "this" and "parent", so such a job could
     * never be fetched by {@code GET /v1/jobs/{id}}.
     */
    public static boolean isValid(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH || id.equals(".") || id.equals("..")) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == ':' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
