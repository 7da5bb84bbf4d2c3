package com.jobstatus.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jobstatus.schemas.JobStatus;
import com.jobstatus.store.JobRecord;
import com.jobstatus.store.JobRepository.Position;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The pure parts of the Read API: who sees what, CORS, cursors, conditional GET, configuration. */
class ReadApiPiecesTest {

    private static final Instant NOW = Instant.parse("2024-06-25T12:00:00Z");

    @Test
    void onlyTheOwnerSeesAJobAndOnlyUntilItExpires() {
        JobRecord job = new JobRecord("job-1", "alice", JobStatus.QUEUED, 1, "k", NOW, NOW, null, null, null,
                NOW.getEpochSecond() + 1, 1);

        assertEquals(Optional.of(job), JobAccess.visibleTo("alice", Optional.of(job), NOW));
        assertEquals(Optional.empty(), JobAccess.visibleTo("bob", Optional.of(job), NOW));
        assertEquals(Optional.empty(), JobAccess.visibleTo("alice", Optional.of(job), NOW.plusSeconds(1)),
                "ttl <= now is gone, whether or not DynamoDB has deleted it yet");
        assertEquals(Optional.empty(), JobAccess.visibleTo("alice", Optional.empty(), NOW));
    }

    @Test
    void corsEchoesOnlyAnExactlyConfiguredOrigin() {
        Cors cors = new Cors(Set.of("https://app.example.com"));
        Map<String, String> allowed = new HashMap<>();
        cors.addTo(allowed, "https://app.example.com");
        assertEquals("https://app.example.com", allowed.get("Access-Control-Allow-Origin"));
        assertEquals("Origin", allowed.get("Vary"));
        assertEquals("ETag", allowed.get("Access-Control-Expose-Headers"));

        for (String other : new String[] {"https://APP.example.com", "https://app.example.com/", "null", "*",
                "https://evil.example.com", "http://app.example.com", null}) {
            Map<String, String> headers = new HashMap<>();
            cors.addTo(headers, other);
            assertFalse(headers.containsKey("Access-Control-Allow-Origin"), String.valueOf(other));
            assertEquals("Origin", headers.get("Vary"));
        }
    }

    @Test
    void configuredOriginsMustBeExactOriginsNeverWildcardsOrNull() {
        assertEquals(Set.of("https://app.example.com", "http://localhost:5173"),
                ReaderConfig.origins(" https://app.example.com , http://localhost:5173,"));
        for (String bad : new String[] {"*", "null", "https://app.example.com/", "app.example.com",
                "https://app.example.com/path", "ftp://app.example.com"}) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> ReaderConfig.origins(bad), bad);
            assertTrue(e.getMessage().contains("ALLOWED_ORIGINS"), e.getMessage());
        }
    }

    @Test
    void aCursorWorksOnlyForTheUserItWasIssuedTo() {
        Position position = new Position("2024-06-25T12:00:00.123Z", "job-9");
        String cursor = Cursor.encode("alice", position);

        assertEquals(position, Cursor.decode("alice", cursor));
        assertNull(Cursor.decode("bob", cursor), "another user's cursor");
        assertFalse(cursor.contains("alice"), "the cursor is opaque");
        String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        assertNull(Cursor.decode("alice", b64(plain.replace("job-9", "job/9"))), "tampered job id");
        assertNull(Cursor.decode("alice", b64(plain.replace("12:00:00.123Z", "noon"))), "tampered time");
        assertNull(Cursor.decode("alice", b64("v1|x|2024-06-25T12:00:00.000Z|job-1")), "made-up owner tag");
        for (String garbage : new String[] {"", "!!!", "e30", "a".repeat(600), b64("v2|a|b|c"), b64("|||")}) {
            assertNull(Cursor.decode("alice", garbage), garbage);
        }
    }

    @Test
    void aCursorKeepsAnotherWritersCreatedAtExactlyAsTheIndexHoldsIt() {
        for (String createdAt : new String[] {"2024-06-25T12:00:00.123456+00:00", "2024-06-25T12:00:00Z",
                "2024-06-25T12:00:00.123456", "2024-06-25T14:00:00+02:00"}) {
            Position position = new Position(createdAt, "job-9");
            assertEquals(position, Cursor.decode("alice", Cursor.encode("alice", position)), createdAt);
        }
        assertNull(Cursor.decode("alice", Cursor.encode("alice", new Position("soon", "job-9"))), "not a time");
    }

    @Test
    void ifNoneMatchUsesTheWeakComparisonAndAcceptsLists() {
        String tag = Responses.etag("{\"a\":1}");
        assertEquals(tag, Responses.etag("{\"a\":1}"));
        assertNotEquals(tag, Responses.etag("{\"a\":2}"));
        assertTrue(Responses.matches(tag, tag));
        assertTrue(Responses.matches("W/" + tag, tag));
        assertTrue(Responses.matches("\"other\", " + tag, tag));
        assertTrue(Responses.matches("*", tag));
        assertFalse(Responses.matches("\"other\"", tag));
        assertFalse(Responses.matches(null, tag));
    }

    private static String b64(String plain) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }
}
