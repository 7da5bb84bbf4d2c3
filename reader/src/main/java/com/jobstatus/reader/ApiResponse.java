package com.jobstatus.reader;

import java.util.Map;

/**
 * A Read API response: status, headers and body (null for a preflight and for 304).
 *
 * @param outcome a short word for the log line: the error code, or {@code OK} / {@code NOT_MODIFIED} / {@code PREFLIGHT}
 */
record ApiResponse(int status, Map<String, String> headers, String body, String outcome) {
}
