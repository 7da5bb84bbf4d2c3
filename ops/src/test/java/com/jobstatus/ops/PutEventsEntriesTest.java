package com.jobstatus.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/** Entries from event lines, their size as EventBridge counts it, and requests within PutEvents' limits. */
class PutEventsEntriesTest {

    private static final int LIMIT = 256 * 1024;

    @Test
    void sizeCountsTimeAsFourteenBytesAndEverythingElseInUtf8Bytes() {
        PutEventsRequestEntry entry = PutEventsRequestEntry.builder()
                .time(Instant.parse("2024-06-25T12:00:00Z"))
                .source("jobs.fal-invoker")                 // 16 bytes
                .detailType("Job Status Changed")           // 18 bytes
                .detail("{\"m\":\"é€😀\"}")                   // 8 + 2 + 3 + 4 = 17 bytes
                .resources("arn:a", "arn:bb")               // 5 + 6 bytes
                .eventBusName("a-bus-name-that-does-not-count")
                .build();

        assertEquals(14 + 16 + 18 + 17 + 11, PutEventsEntries.size(entry));
        assertEquals(16 + 18 + 17 + 11, PutEventsEntries.size(entry.toBuilder().time(null).build()));
    }

    @Test
    void aRequestHoldsAtMostTenEntries() {
        List<List<Integer>> batches = PutEventsEntries.batches(Collections.nCopies(25, 100));

        assertEquals(List.of(10, 10, 5), batches.stream().map(List::size).toList());
    }

    @Test
    void aRequestStaysBelow256KibibytesInTotal() {
        // 131072 + 131072 is exactly 256 KiB: not below the limit, so two requests
        assertEquals(2, PutEventsEntries.batches(List.of(LIMIT / 2, LIMIT / 2)).size());
        // one byte less fits in one
        assertEquals(1, PutEventsEntries.batches(List.of(LIMIT / 2, LIMIT / 2 - 1)).size());
        // a single entry just below the limit goes alone
        assertEquals(List.of(List.of(0), List.of(1), List.of(2)),
                PutEventsEntries.batches(List.of(10, LIMIT - 1, 10)));
    }

    @Test
    void anEntryThatCannotFitAnyRequestIsRefusedRatherThanSent() {
        assertThrows(IllegalArgumentException.class, () -> PutEventsEntries.batches(List.of(10, LIMIT)));
    }

    @Test
    void randomSizesAreSplitInOrderWithinBothLimitsAndNothingIsLeftOut() {
        for (long seed = 1; seed <= 200; seed++) {
            Random random = new Random(seed);
            List<Integer> sizes = new ArrayList<>();
            int count = random.nextInt(60);
            for (int i = 0; i < count; i++) {
                sizes.add(random.nextInt(4) == 0 ? 1 + random.nextInt(LIMIT - 1) : 1 + random.nextInt(40_000));
            }

            List<List<Integer>> batches = PutEventsEntries.batches(sizes);

            assertEquals(IntStream.range(0, count).boxed().toList(),
                    batches.stream().flatMap(List::stream).toList(), "seed " + seed + ": every entry once, in order");
            for (List<Integer> batch : batches) {
                assertFalse(batch.isEmpty(), "seed " + seed);
                assertTrue(batch.size() <= 10, "seed " + seed);
                assertTrue(batch.stream().mapToLong(sizes::get).sum() < LIMIT, "seed " + seed);
            }
            for (int b = 1; b < batches.size(); b++) { // greedy: the next entry did not fit the previous request
                List<Integer> previous = batches.get(b - 1);
                long total = previous.stream().mapToLong(sizes::get).sum() + sizes.get(batches.get(b).getFirst());
                assertTrue(previous.size() == 10 || total >= LIMIT, "seed " + seed + ": request " + b);
            }
        }
    }

    @Test
    void anEventLineBecomesAnEntryWithoutTheFieldsEventBridgeSets() throws Exception {
        PutEventsRequestEntry entry = PutEventsEntries.entry(EventFile.event(
                "{\"version\":\"0\",\"id\":\"e-1\",\"account\":\"1\",\"region\":\"eu-west-1\","
                        + "\"time\":\"2024-06-25T14:00:00+02:00\",\"source\":\"jobs.fal-invoker\","
                        + "\"detail-type\":\"Job Status Changed\",\"resources\":[\"arn:x\"],"
                        + "\"detail\": {\"jobId\": \"job-1\", \"n\": 1}}"), "job-events");

        assertEquals("job-events", entry.eventBusName());
        assertEquals("jobs.fal-invoker", entry.source());
        assertEquals("Job Status Changed", entry.detailType());
        assertEquals("{\"jobId\":\"job-1\",\"n\":1}", entry.detail());
        assertEquals(Instant.parse("2024-06-25T12:00:00Z"), entry.time());
        assertEquals(List.of("arn:x"), entry.resources());

        PutEventsRequestEntry bare = PutEventsEntries.entry(EventFile.event(
                "{\"source\":\"s\",\"detail-type\":\"t\",\"detail\":{}}"), "b");
        assertNull(bare.time(), "without time EventBridge uses the time it receives the event");
        assertFalse(bare.hasResources());
    }

    @Test
    void aLineThatCannotBecomeAnEntrySaysWhy() {
        for (String line : List.of("{\"detail-type\":\"t\",\"detail\":{}}", "{\"source\":\"s\",\"detail\":{}}",
                "{\"source\":\"s\",\"detail-type\":\"t\",\"detail\":\"{}\"}",
                "{\"source\":\"s\",\"detail-type\":\"t\",\"detail\":{},\"time\":\"yesterday\"}",
                "{\"source\":\"s\",\"detail-type\":\"t\",\"detail\":{},\"resources\":[1]}")) {
            EventFile.NotAnEvent e = assertThrows(EventFile.NotAnEvent.class,
                    () -> PutEventsEntries.entry(EventFile.event(line), "b"), line);
            assertFalse(e.getMessage().isBlank());
        }
    }
}
