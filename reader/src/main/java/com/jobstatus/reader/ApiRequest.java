package com.jobstatus.reader;

import java.util.Map;

/**
 * A Read API request in plain terms, read from API Gateway's proxy event by {@link ApiGateway}.
 *
 * @param route       the API Gateway resource template, such as {@code /v1/jobs/{id}}
 * @param jobId       the {@code {id}} path parameter as received, or null
 * @param origin      the {@code Origin} header, or null
 * @param ifNoneMatch the {@code If-None-Match} header (every value, comma-separated), or null
 * @param query       the query parameters
 * @param callerId    the Cognito {@code sub} the authorizer verified, or null when there is none
 * @param requestId   API Gateway's request id, echoed in error bodies
 */
record ApiRequest(String method, String route, String jobId, String origin, String ifNoneMatch,
                  Map<String, String> query, String callerId, String requestId) {

    /** A browser's CORS preflight: answered without authentication, reading nothing. */
    boolean preflight() {
        return "OPTIONS".equals(method);
    }
}
