package com.jobstatus.schemas;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Coverage-guided search for a string on which {@code occurredAt}'s parser and the schema's pattern disagree
 * (the generated grid of {@code TimestampsTest} covers the known edges; this looks for the unknown ones):
 * near-timestamps made by splicing fuzzed text into a valid one, and raw fuzzed text.
 */
class TimestampFuzzTest {

    private static final Pattern SCHEMA_PATTERN = Pattern.compile(schema().path("properties").path("occurredAt")
            .path("pattern").asText());

    private static final Character[] NEAR = "0123456789:-+.TtZz \n".chars().mapToObj(c -> (char) c)
            .toArray(Character[]::new);

    @FuzzTest(maxDuration = "10s")
    void theParserAndTheSchemaPatternAcceptTheSameStrings(FuzzedDataProvider data) {
        String text;
        if (data.consumeBoolean()) {
            String valid = Timestamps.format(Instant.ofEpochSecond(data.consumeLong(0, 253402300799L)));
            int from = data.consumeInt(0, valid.length());
            int to = data.consumeInt(from, valid.length());
            StringBuilder splice = new StringBuilder();
            for (int i = data.consumeInt(0, 4); i > 0; i--) {
                // mostly the characters timestamps are made of, so edits land on the edges of the rule
                splice.append(data.consumeBoolean() ? (char) data.pickValue(NEAR) : data.consumeChar());
            }
            text = valid.substring(0, from) + splice + valid.substring(to);
        } else {
            text = data.consumeRemainingAsString();
        }
        boolean parsed = Timestamps.parseWithOffset(text).isPresent();
        if (parsed != SCHEMA_PATTERN.matcher(text).find() || parsed == Timestamps.problem(text).isPresent()) {
            throw new AssertionError("parser " + parsed + ", pattern " + !parsed + " for '" + text + "'");
        }
    }

    private static JsonNode schema() {
        try (InputStream in = JsonSchemas.class.getResourceAsStream("/schemas/" + JsonSchemas.JOB_STATUS_CHANGED)) {
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
