package com.jobstatus.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jobstatus.schemas.JobError;
import com.jobstatus.schemas.JobEvent;
import com.jobstatus.schemas.JobStatus;
import com.jobstatus.schemas.JobStatusChanged;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every row of the mapping of other writers' items (docs/DESIGN.md §4): what FalInvoker's J-02 seed
 * and the job submitter write reads as a job, never as a failure.
 */
class ForeignItemsTest {

    private static final String CREATED = "2024-06-25T12:00:00.000Z";
    private static final Instant CREATED_AT = Instant.parse(CREATED);

    static Stream<Arguments> statusSpellings() {
        return Stream.of(
                Arguments.of("QUEUED", JobStatus.QUEUED), Arguments.of("queued", JobStatus.QUEUED),
                Arguments.of("Processing", JobStatus.PROCESSING), Arguments.of(" processing ", JobStatus.PROCESSING),
                Arguments.of("completed", JobStatus.COMPLETED), Arguments.of("COMPLETED", JobStatus.COMPLETED),
                Arguments.of("failed", JobStatus.FAILED), Arguments.of("FAILED", JobStatus.FAILED),
                Arguments.of("ROUTED", JobStatus.PROCESSING), Arguments.of("routed", JobStatus.PROCESSING),
                Arguments.of("REJECTED", JobStatus.FAILED), Arguments.of("rejected", JobStatus.FAILED),
                Arguments.of("PENDING", JobStatus.QUEUED), Arguments.of("", JobStatus.QUEUED),
                Arguments.of("cancelled", JobStatus.QUEUED));
    }

    @ParameterizedTest
    @MethodSource("statusSpellings")
    void everyStatusSpellingReadsAsOneOfOurFour(String spelling, JobStatus expected) {
        assertEquals(expected, read(seed("status", s(spelling))).status(), spelling);
    }

    @Test
    void theJ02SeedReadsAsAQueuedJobThatNeverExpires() {
        JobRecord job = read(seed());

        assertEquals("job-x", job.jobId());
        assertEquals("user-1", job.userId());
        assertEquals(JobStatus.QUEUED, job.status());
        assertEquals(CREATED_AT, job.createdAt());
        assertEquals(CREATED_AT, job.updatedAt(), "no updatedAt: createdAt");
        assertEquals(JobRecord.NEVER_EXPIRES, job.ttl());
        assertNull(job.projected());
        assertEquals(job.current(), job.foreign());
        assertEquals(1, job.attempt(), "other writers know no attempts");
        assertEquals(0, job.version());
    }

    @Test
    void aStatusWithoutAnAttributeIsQueued() {
        Map<String, AttributeValue> item = seed();
        item.remove("status");
        assertEquals(JobStatus.QUEUED, read(item).status());
    }

    @Test
    void rejectedIsFailedWithCodeRejectedAndTheWritersReasonOrOurs() {
        assertEquals(new JobError("REJECTED", "The job was rejected."), read(seed("status", s("REJECTED"))).error());
        assertEquals(new JobError("REJECTED", "Out of credits"),
                read(seed("status", s("REJECTED"), "error_message", s("Out of credits"))).error());
    }

    @Test
    void aFailuresReasonComesFromErrorMessageOrAPlainErrorStringOrOurMap() {
        assertEquals(new JobError("FAILED", "fal.ai timed out"),
                read(seed("status", s("failed"), "error_message", s("fal.ai timed out"))).error());
        assertEquals(new JobError("FAILED", "boom"), read(seed("status", s("FAILED"), "error", s("boom"))).error());
        AttributeValue ours = AttributeValue.fromM(Map.of("code", s("MODEL_TIMEOUT"), "message", s("Try again")));
        assertEquals(new JobError("MODEL_TIMEOUT", "Try again"), read(seed("status", s("FAILED"), "error", ours)).error());
        assertEquals(new JobError("FAILED", "Content policy"), read(seed("status", s("FAILED"), "error", ours,
                "error_message", s("Content policy"))).error(), "the job submitter's reason, written with its status");
        assertNull(read(seed("status", s("FAILED"))).error(), "no reason given: none shown");
        assertNull(read(seed("status", s("COMPLETED"), "error_message", s("stale"))).error(), "only when FAILED");
        String longReason = "x".repeat(5000);
        assertEquals(1024, read(seed("status", s("failed"), "error_message", s(longReason))).error().message().length(),
                "cut to the contract's 1024 characters");
    }

    @Test
    void timestampsAreReadLenientlyAndKeptToTheMillisecond() {
        Map<String, Instant> spellings = Map.of(
                "2024-06-25T12:00:05.123456+00:00", Instant.parse("2024-06-25T12:00:05.123Z"),
                "2024-06-25T14:00:05+02:00", Instant.parse("2024-06-25T12:00:05Z"),
                "2024-06-25T12:00:05Z", Instant.parse("2024-06-25T12:00:05Z"),
                "2024-06-25T12:00:05.5", Instant.parse("2024-06-25T12:00:05.500Z"),
                "1719316805", Instant.parse("2024-06-25T12:00:05Z"),
                "1719316805123", Instant.parse("2024-06-25T12:00:05.123Z"));
        spellings.forEach((spelling, expected) ->
                assertEquals(expected, read(seed("updatedAt", s(spelling))).updatedAt(), spelling));
        assertEquals(Instant.parse("2024-06-25T12:00:05.123Z"),
                read(seed("updatedAt", AttributeValue.fromN("1719316805123"))).updatedAt(), "a number");
        assertEquals(CREATED_AT, read(seed("updatedAt", s("yesterday"))).updatedAt(), "unreadable: createdAt");
    }

    @Test
    void createdAtFallsBackToUpdatedAtThenToTheEpoch() {
        Map<String, AttributeValue> item = seed("updatedAt", s("2024-06-25T12:00:07Z"));
        item.remove("createdAt");
        assertEquals(Instant.parse("2024-06-25T12:00:07Z"), read(item).createdAt());
        item.remove("updatedAt");
        assertEquals(Instant.EPOCH, read(item).createdAt(), "a job still; its age unknown");
    }

    @Test
    void aTtlIsEpochSecondsAsDynamoDbReadsItAndAnythingElseNeverExpires() {
        assertEquals(1719316805L, read(seed("ttl", AttributeValue.fromN("1719316805"))).ttl());
        assertEquals(JobRecord.NEVER_EXPIRES, read(seed("ttl", s("1719316805"))).ttl(), "DynamoDB ignores strings");
        assertEquals(JobRecord.NEVER_EXPIRES, read(seed()).ttl());
    }

    @Test
    void theOwnerIsUserIdElseUserIdWithAnUnderscoreElseNobody() {
        Map<String, AttributeValue> item = seed("user_id", s("user-2"));
        assertEquals("user-1", read(item).userId());
        item.remove("userId");
        assertEquals("user-2", read(item).userId());
        item.remove("user_id");
        assertNull(read(item).userId());
    }

    @Test
    void onlyWhatTheStatusAllowsAndTheApiCanShowIsKept() {
        assertEquals("https://cdn.example.com/v.mp4", read(seed("status", s("completed"),
                "outputUrl", s("https://cdn.example.com/v.mp4"))).outputUrl());
        assertNull(read(seed("status", s("completed"), "outputUrl", s("http://cdn.example.com/v.mp4"))).outputUrl());
        assertNull(read(seed("status", s("completed"), "outputUrl", s("s3://bucket/v.mp4"))).outputUrl());
        assertNull(read(seed("status", s("ROUTED"), "outputUrl", s("https://cdn.example.com/v.mp4"))).outputUrl());
        assertEquals(40, read(seed("status", s("ROUTED"), "progress", AttributeValue.fromN("40"))).progress());
        assertNull(read(seed("status", s("ROUTED"), "progress", AttributeValue.fromN("140"))).progress());
        assertNull(read(seed("status", s("queued"), "progress", AttributeValue.fromN("40"))).progress());
    }

    @Test
    void anItemThisServiceWroteReadsBackAsItsOwnStateOnly() {
        JobRecord ours = new JobRecord("job-o", "user-1", JobStatus.FAILED, 2, "k", CREATED_AT,
                CREATED_AT.plusSeconds(3), null, new JobError("E", "m"), null, 99L, 3);
        JobRecord read = read(written(ours));

        assertNull(read.foreign());
        assertEquals(ours, read.withVersion(3));
    }

    @Test
    void anotherWritersUpdateOfOurItemShowsOnlyWhenItRanksAboveWhatTheEventsSaid() {
        JobRecord ours = new JobRecord("job-o", "user-1", JobStatus.COMPLETED, 1, OrderKey.of(new JobEvent("e-9",
                        "jobs.fal-invoker", new JobStatusChanged("job-o", "user-1", JobStatus.COMPLETED,
                        CREATED_AT.plusSeconds(60), 1, null, null, "https://cdn.example.com/o.mp4"))),
                CREATED_AT, CREATED_AT.plusSeconds(60), null, null, "https://cdn.example.com/o.mp4", 99L, 4);

        // the job submitter, late, sets PROCESSING: below COMPLETED, so readers still see COMPLETED
        Map<String, AttributeValue> stale = written(ours);
        stale.put("status", s("PROCESSING"));
        stale.put("updatedAt", s("2024-06-25T12:05:00.000000+00:00"));
        JobRecord staleRead = read(stale);
        assertEquals(JobStatus.PROCESSING, staleRead.foreign().status());
        assertSame(staleRead.projected(), staleRead.current());
        assertEquals(JobStatus.COMPLETED, staleRead.status());

        // another writer fails the job after the events' COMPLETED: same rank, later, so it shows
        Map<String, AttributeValue> later = written(ours);
        later.put("status", s("FAILED"));
        later.put("error_message", s("Content policy"));
        later.put("updatedAt", s("2024-06-25T12:02:00+00:00"));
        JobRecord laterRead = read(later);
        assertEquals(JobStatus.FAILED, laterRead.status());
        assertEquals(new JobError("FAILED", "Content policy"), laterRead.error());
        assertEquals(JobStatus.COMPLETED, laterRead.projected().status(), "what the events said is kept");
        assertTrue(laterRead.toJob().outputUrl() == null, "outputUrl only with COMPLETED");
    }

    @Test
    void anItemWrittenBeforeAttemptWasCappedStillOutranksAnotherWritersLaterStateOfAnEarlierAttempt() {
        // our key from before the cap: a 10-digit attempt field (attempt 2, PROCESSING)
        JobRecord ours = new JobRecord("job-o", "user-1", JobStatus.PROCESSING, 2,
                "0000000002|1|2024-06-25T12:01:00.000000000Z|e-old", CREATED_AT, CREATED_AT.plusSeconds(60), 40,
                null, null, 99L, 5);
        Map<String, AttributeValue> item = written(ours);
        item.put("status", s("completed"));
        item.put("updatedAt", s("2024-06-25T12:09:00Z"));

        JobRecord read = read(item);
        assertEquals(OrderKey.ATTEMPT_WIDTH, read.foreign().orderKey().indexOf('|'), "another writer's key, today's width");
        assertSame(read.projected(), read.current(), "attempt 2 outranks another writer's attempt 1, whatever the widths");
        assertEquals(JobStatus.PROCESSING, read.status());
    }

    // --- helpers ---

    private static Map<String, AttributeValue> written(JobRecord job) {
        return new HashMap<>(ItemExpressions.apply(JobItemMapper.write(job), Map.of("jobId", s(job.jobId()))));
    }

    /** FalInvoker's J-02 seed: only jobId, status, createdAt, userId; then each pair of extra name and value. */
    private static Map<String, AttributeValue> seed(Object... more) {
        Map<String, AttributeValue> item = new HashMap<>(Map.of("jobId", s("job-x"), "status", s("queued"),
                "createdAt", s(CREATED), "userId", s("user-1")));
        for (int i = 0; i < more.length; i += 2) {
            item.put((String) more[i], (AttributeValue) more[i + 1]);
        }
        return item;
    }

    private static JobRecord read(Map<String, AttributeValue> item) {
        return JobItemMapper.fromItem(item);
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
