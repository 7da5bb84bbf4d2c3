package com.jobstatus.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cutting quoted text to a bound, and the bounds of an error as the schemas state them. */
class TextsTest {

    private static final String CLAPPER = "\uD83C\uDFAC"; // one character, two chars

    @Test
    void aCutNeverSplitsASurrogatePair() {
        assertEquals("ab", Texts.cut("ab" + CLAPPER, 3));
        assertEquals("ab" + CLAPPER, Texts.cut("ab" + CLAPPER + "c", 4));
        assertEquals("", Texts.cut(CLAPPER, 1));
        assertEquals("abc", Texts.cut("abc", 3));
        assertEquals("", Texts.cut("abc", 0));
    }

    @Test
    void anErrorFromOthersIsCutToTheContractsBoundsAsTheSchemasStateThem() throws Exception {
        for (String schema : List.of(JsonSchemas.JOB, JsonSchemas.JOB_STATUS_CHANGED)) {
            JsonNode error = read(schema).path("properties").path("error").path("properties");
            assertEquals(JobError.MAX_CODE, error.path("code").path("maxLength").asInt(), schema);
            assertEquals(JobError.MAX_MESSAGE, error.path("message").path("maxLength").asInt(), schema);
        }
        String message = "x".repeat(JobError.MAX_MESSAGE - 1) + CLAPPER + "tail";
        JobError cut = JobError.within("C".repeat(100), message);
        assertEquals(JobError.MAX_CODE, cut.code().length());
        assertEquals("x".repeat(JobError.MAX_MESSAGE - 1), cut.message(), "the pair across the bound is left out whole");
    }

    private static JsonNode read(String schema) throws Exception {
        try (InputStream in = JsonSchemas.class.getResourceAsStream("/schemas/" + schema)) {
            return Json.MAPPER.readTree(in);
        }
    }
}
