package com.jobstatus.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jobstatus.schemas.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A file of job events, the input of {@code validate}, {@code publish} and {@code rebuild}: JSON Lines, one
 * EventBridge event per line, in the shape of {@code schemas/events/*.json} (and of what an archive replays
 * and the failure queue holds) written on one line. Blank lines are skipped; line numbers count every
 * line, so a report points into the file as an editor shows it.
 */
final class EventFile {

    /** One non-blank line and its 1-based number in the file. */
    record Line(int number, String text) {
    }

    /** The line is not an event at all: not JSON, or not a JSON object. */
    static final class NotAnEvent extends Exception {
        NotAnEvent(String message) {
            super(message);
        }
    }

    private EventFile() {
    }

    static List<Line> read(Path file) throws IOException {
        List<Line> lines = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int number = 0;
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                number++;
                if (number == 1 && text.startsWith("\uFEFF")) {
                    text = text.substring(1); // editors on Windows write a byte-order mark
                }
                if (!text.isBlank()) {
                    lines.add(new Line(number, text));
                }
            }
        }
        return lines;
    }

    /** The line's event as a JSON object. */
    static ObjectNode event(Line line) throws NotAnEvent {
        return event(line.text());
    }

    static ObjectNode event(String text) throws NotAnEvent {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new NotAnEvent("not valid JSON: " + e.getOriginalMessage());
        }
        if (!(node instanceof ObjectNode object)) {
            throw new NotAnEvent("not a JSON object (one EventBridge event per line)");
        }
        return object;
    }
}
