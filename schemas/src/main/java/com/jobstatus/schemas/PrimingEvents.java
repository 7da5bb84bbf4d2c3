package com.jobstatus.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The example events of {@code schemas/events/} that a function runs through its own translation before the
 * SnapStart snapshot. They are packaged on the class path from the same files the unit tests read and
 * {@code sam local invoke -e} takes, so priming exercises the shape API Gateway and Lambda really send, written
 * down once.
 */
public final class PrimingEvents {

    private PrimingEvents() {
    }

    /**
     * @param name the file under {@code schemas/events/} without {@code .json}, e.g. {@code push/jobs-stream}
     * @return a fresh copy, which the caller may change (priming points the event at nobody's data)
     */
    public static ObjectNode read(String name) {
        String resource = "/events/" + name + ".json";
        try (InputStream in = PrimingEvents.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no example event " + resource + " on the class path");
            }
            JsonNode event = Json.MAPPER.readTree(in);
            if (!(event instanceof ObjectNode object)) {
                throw new IllegalStateException(resource + " is not a JSON object");
            }
            return object;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
