package com.jobstatus.reader;

import java.util.Map;

/**
 * A Read API request in plain terms, translated from API Gateway's proxy event by the handler.
 *
 * @param route      the API Gateway resource template, such as {@code /v1/jobs/{id}}
 * @param jobId      the {@code {id}} path parameter as received, or null
 * @param headers    header names in lower case
 * @param callerId   the Cognito {@code sub} the authorizer verified, or null when there is none
 * @param requestId  API Gateway's request id, echoed in error bodies
 */
record ApiRequest(String method, String route, String jobId, Map<String, String> headers,
                  Map<String, String> query, String callerId, String requestId) {

    String header(String lowerCaseName) {
        return headers.get(lowerCaseName);
    }

    /** A browser's CORS preflight: answered without authentication, reading nothing. */
    boolean preflight() {
        return "OPTIONS".equals(method);
    }
}
