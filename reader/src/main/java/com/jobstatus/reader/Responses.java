package com.jobstatus.reader;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jobstatus.schemas.ErrorCode;
import com.jobstatus.schemas.Job;
import com.jobstatus.schemas.JobJson;
import com.jobstatus.schemas.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The bodies and common headers of the Read API's responses ({@code job.schema.json}, {@code error.schema.json}). */
final class Responses {

    static final String JSON = "application/json";
    /** The job may change any second: a browser may keep it but must ask again (If-None-Match) before use. */
    static final String CACHE_JOB = "private, no-cache";
    static final String CACHE_ERROR = "no-store";
    static final String RETRY_AFTER_SECONDS = "1";

    private Responses() {
    }

    static Map<String, String> headers(String cacheControl) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", JSON);
        headers.put("Cache-Control", cacheControl);
        return headers;
    }

    static String job(Job job) {
        return JobJson.text(job);
    }

    static String jobList(List<Job> jobs, String nextCursor) {
        ObjectNode list = Json.MAPPER.createObjectNode();
        ArrayNode items = list.putArray("jobs");
        jobs.forEach(job -> items.add(JobJson.node(job)));
        list.put("nextCursor", nextCursor);
        return list.toString();
    }

    static String error(ErrorCode code, String message, String requestId) {
        // "error" for the platform's other clients ({"error": "<message>"}), "message" as API Gateway answers
        return Json.MAPPER.createObjectNode()
                .put("error", message)
                .put("code", code.name())
                .put("message", message)
                .put("requestId", requestId == null ? "" : requestId)
                .toString();
    }

    /** A strong validator for a body: equal bodies, equal tags. */
    static String etag(String body) {
        return "\"" + Sha256.base64Url(body, 27) + "\"";
    }

    /** If-None-Match uses the weak comparison (RFC 9110 section 13.1.2): {@code W/} prefixes do not matter. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || (tag.startsWith("W/") ? tag.substring(2) : tag).equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
