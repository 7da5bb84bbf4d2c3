package com.jobstatus.reader;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jobstatus.schemas.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * API Gateway's request events in {@code reader/events}, as the platform's frontend makes them through the Cognito
 * authorizer: one place for priming, the tests and {@code sam local invoke}. The build puts them on the class path
 * as {@code events/NAME.json}, so they are in the Lambda zip too.
 */
final class EventFiles {

    static final String GET_JOB = "get-job";
    static final String LIST_JOBS = "list-jobs";
    static final String PREFLIGHT = "preflight";

    private EventFiles() {
    }

    static ObjectNode read(String name) {
        try (InputStream in = EventFiles.class.getResourceAsStream("/events/" + name + ".json")) {
            if (in == null) {
                throw new IllegalStateException("events/" + name + ".json is not on the class path");
            }
            return (ObjectNode) Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The event with another caller in the authorizer's claims. */
    static ObjectNode withCaller(ObjectNode event, String sub) {
        ObjectNode claims = event.withObjectProperty("requestContext").withObjectProperty("authorizer")
                .withObjectProperty("claims");
        claims.put("sub", sub).put("cognito:username", sub);
        return event;
    }

    /** The event for another job: its path parameter and paths. */
    static ObjectNode withJob(ObjectNode event, String jobId) {
        String path = "/v1/jobs/" + jobId;
        event.withObjectProperty("pathParameters").put("id", jobId);
        event.put("path", path);
        ObjectNode context = event.withObjectProperty("requestContext");
        context.put("path", "/" + context.path("stage").asText() + path);
        return event;
    }
}
