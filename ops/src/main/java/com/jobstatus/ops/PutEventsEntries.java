package com.jobstatus.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jobstatus.schemas.Json;
import com.jobstatus.schemas.Timestamps;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/**
 * Event lines as PutEvents entries, and the API's limits on one request: at most 10 entries, and a total
 * entry size below 256 KB, the size computed the way EventBridge documents it ("Calculating PutEvents
 * event entry size", EventBridge User Guide): {@code Time} counts 14 bytes when set; {@code Source},
 * {@code DetailType}, {@code Detail} and each of {@code Resources} count their UTF-8 bytes.
 */
final class PutEventsEntries {

    static final int MAX_ENTRIES = 10;
    /** The documented rule is "the total entry size must be less than 256KB": a request stays below this. */
    static final int SIZE_LIMIT = 256 * 1024;
    static final int TIME_SIZE = 14;

    private PutEventsEntries() {
    }

    /**
     * The entry that publishes this event on the bus: its {@code source}, {@code detail-type}, {@code detail},
     * and {@code time} and {@code resources} when present. {@code id}, {@code account}, {@code region} and
     * {@code version} are EventBridge's to set, so they are not sent.
     */
    static PutEventsRequestEntry entry(ObjectNode event, String busName) throws EventFile.NotAnEvent {
        JsonNode source = event.get("source");
        JsonNode detailType = event.get("detail-type");
        JsonNode detail = event.get("detail");
        if (source == null || !source.isTextual() || detailType == null || !detailType.isTextual()
                || detail == null || !detail.isObject()) {
            throw new EventFile.NotAnEvent("an event needs a string source, a string detail-type and an object detail");
        }
        PutEventsRequestEntry.Builder entry = PutEventsRequestEntry.builder()
                .eventBusName(busName)
                .source(source.asText())
                .detailType(detailType.asText())
                .detail(compact(detail));
        JsonNode time = event.get("time");
        if (time != null && !time.isNull()) {
            if (!time.isTextual()) {
                throw new EventFile.NotAnEvent("time must be an RFC 3339 timestamp with offset, was " + time);
            }
            Optional<Instant> at = Timestamps.parseWithOffset(time.asText());
            if (at.isEmpty()) {
                throw new EventFile.NotAnEvent("time " + Timestamps.problem(time.asText()).orElseThrow() + ", was " + time);
            }
            entry.time(at.get());
        }
        JsonNode resources = event.get("resources");
        if (resources != null && !resources.isEmpty()) {
            List<String> arns = new ArrayList<>();
            for (JsonNode resource : resources) {
                if (!resource.isTextual()) {
                    throw new EventFile.NotAnEvent("resources must be an array of strings");
                }
                arns.add(resource.asText());
            }
            entry.resources(arns);
        }
        return entry.build();
    }

    /** The entry's size as EventBridge counts it towards the request limit. */
    static int size(PutEventsRequestEntry entry) {
        int size = entry.time() != null ? TIME_SIZE : 0;
        size += utf8(entry.source()) + utf8(entry.detailType()) + utf8(entry.detail());
        if (entry.hasResources()) {
            for (String resource : entry.resources()) {
                size += utf8(resource);
            }
        }
        return size;
    }

    /**
     * Splits entries, in order, into requests within the limits: each request at most {@link #MAX_ENTRIES}
     * entries with a total size below {@link #SIZE_LIMIT}. Greedy, so the number of requests is minimal for
     * the order given.
     *
     * @param sizes each entry's {@link #size}; every one must be below the limit on its own
     * @return the positions in {@code sizes} of each request's entries
     */
    static List<List<Integer>> batches(List<Integer> sizes) {
        List<List<Integer>> batches = new ArrayList<>();
        List<Integer> current = new ArrayList<>();
        long currentSize = 0;
        for (int i = 0; i < sizes.size(); i++) {
            int size = sizes.get(i);
            if (size >= SIZE_LIMIT) {
                throw new IllegalArgumentException("entry " + i + " alone is " + size + " bytes, not below "
                        + SIZE_LIMIT);
            }
            if (current.size() == MAX_ENTRIES || currentSize + size >= SIZE_LIMIT) {
                batches.add(current);
                current = new ArrayList<>();
                currentSize = 0;
            }
            current.add(i);
            currentSize += size;
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }

    private static String compact(JsonNode detail) {
        try {
            return Json.MAPPER.writeValueAsString(detail);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON tree could not be written again", e);
        }
    }

    private static int utf8(String text) {
        return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
    }
}
