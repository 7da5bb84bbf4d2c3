package com.jobstatus.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jobstatus.localaws.MotoExtension;
import com.jobstatus.localaws.MotoServer;
import com.jobstatus.runtime.AwsClients;
import com.jobstatus.runtime.AwsSettings;
import com.jobstatus.schemas.JobError;
import com.jobstatus.schemas.JobEvent;
import com.jobstatus.schemas.JobStatus;
import com.jobstatus.schemas.JobStatusChanged;
import com.jobstatus.schemas.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

@ExtendWith(MotoExtension.class)
class DynamoJobRepositoryIT {

    private static final Instant NOW = Instant.parse("2024-06-25T12:00:00Z");

    private final DynamoDbClient dynamo;
    private final String tableName = "Jobs-it-" + UUID.randomUUID();
    private final DynamoJobRepository repository;

    DynamoJobRepositoryIT(MotoServer moto) {
        dynamo = AwsClients.dynamo(AwsSettings.local(moto.endpoint(), "us-east-1"));
        JobsTable.create(dynamo, tableName);
        repository = new DynamoJobRepository(dynamo, tableName);
    }

    @Test
    void theTableHasTheKeyIndexAndTtlTheTemplateDeclares() {
        DescribeTableResponse table = dynamo.describeTable(b -> b.tableName(tableName));
        assertEquals(JobsTable.KEY, table.table().keySchema().getFirst().attributeName());
        assertEquals(JobsTable.INDEX_BY_USER, table.table().globalSecondaryIndexes().getFirst().indexName());
        assertEquals(TimeToLiveStatus.ENABLED, dynamo.describeTimeToLive(b -> b.tableName(tableName))
                .timeToLiveDescription().timeToLiveStatus());
    }

    @Test
    void aJobIsWrittenOnceAndReadBackWithEveryField() {
        JobRecord failed = new JobRecord("job-1", "user-a", JobStatus.FAILED, 1, "key-1", NOW, NOW, null,
                new JobError("MODEL_TIMEOUT", "Try again"), null, NOW.plusSeconds(60).getEpochSecond(), 1);

        assertTrue(repository.apply(failed, null));

        JobRecord read = repository.find("job-1").orElseThrow();
        assertEquals(failed, read.withVersion(1));
        assertNotNull(read.revision());
        assertNull(read.foreign(), "nobody else wrote it");
        assertEquals(Optional.empty(), repository.find("job-unknown"));
    }

    @Test
    void aWriteExpectingAStaleRevisionIsRefusedSoConcurrentWritersCannotOverwriteEachOther() {
        JobRecord v1 = job("job-2", "user-a", JobStatus.QUEUED, NOW, 1);
        assertTrue(repository.apply(v1, null));
        assertFalse(repository.apply(v1, null), "a second create of the same job must fail");

        Revision read1 = repository.find("job-2").orElseThrow().revision();
        JobRecord v2 = job("job-2", "user-a", JobStatus.PROCESSING, NOW.plusSeconds(1), 2);
        assertTrue(repository.apply(v2, read1));
        assertFalse(repository.apply(job("job-2", "user-a", JobStatus.COMPLETED, NOW, 2), read1),
                "a writer that read version 1 must not overwrite version 2");
        assertEquals(JobStatus.PROCESSING, repository.find("job-2").orElseThrow().status());
        assertFalse(repository.apply(v2, Revision.never()), "priming's write never lands");
    }

    /** The common events, one conditional write each, no read; a refusal carries the item, so no read either. */
    @Test
    void aNewJobAndItsNextEventAreWrittenWithoutAReadAndARefusalCarriesTheItemAsStored() {
        assertEquals(JobRepository.Advance.WRITTEN, repository.advance(first("adv-1", "user-a", JobStatus.QUEUED, 1,
                NOW, "e-1")));
        JobRecord processing = first("adv-1", "user-a", JobStatus.PROCESSING, 1, NOW.plusSeconds(5), "e-2");
        assertEquals(JobRepository.Advance.WRITTEN, repository.advance(processing));

        JobRecord stored = repository.find("adv-1").orElseThrow();
        assertEquals(List.of(JobStatus.PROCESSING, NOW, NOW.plusSeconds(5), 2L),
                List.of(stored.status(), stored.createdAt(), stored.updatedAt(), stored.version()));
        assertEquals(processing.projected(), stored.projected());
        assertNull(stored.foreign());
        assertEquals(new JobRepository.Advance.Refused(Optional.of(stored)), repository.advance(processing),
                "the same event again");
        assertEquals(new JobRepository.Advance.Refused(Optional.of(stored)), repository.advance(
                first("adv-1", "user-a", JobStatus.COMPLETED, 1, NOW.minusSeconds(5), "e-3")), "it would move createdAt");
        assertEquals(new JobRepository.Advance.Refused(Optional.of(stored)), repository.advance(
                first("adv-1", "user-b", JobStatus.COMPLETED, 1, NOW.plusSeconds(9), "e-4")), "another owner");
        assertEquals(stored, repository.find("adv-1").orElseThrow(), "refusals write nothing");
    }

    /**
     * DynamoDB evaluates the conditions of writes without a read as the store means them (the in-memory repository's
     * {@link ItemExpressions}): over items this service wrote, and the same items as other writers and older code
     * leave them (another spelling of a time or status, an owner under another name, a key of the old width), both
     * take or refuse the same writes and leave the same items.
     */
    @Test
    void dynamoDbTakesAndRefusesTheWritesWithoutAReadExactlyAsTheStoreMeansThem() {
        Random random = new Random(5);
        InMemoryJobRepository memory = new InMemoryJobRepository();
        int cases = 120;
        int written = 0;
        for (int i = 0; i < cases; i++) {
            String jobId = "same-" + i;
            Instant at = NOW.plusSeconds(random.nextInt(100));
            if (random.nextInt(6) > 0) {
                Map<String, AttributeValue> item = storedItem(random, jobId, at, memory);
                putRaw(item);
                memory.putItem(item);
            }
            String eventId = random.nextInt(15) == 0 ? "e-\uE000" : "e-" + random.nextInt(1000);
            JobRecord first = first(jobId, random.nextInt(10) == 0 ? "user-b" : "user-a",
                    JobStatus.values()[random.nextInt(4)], 1 + random.nextInt(3), at.plusSeconds(random.nextInt(41) - 20),
                    eventId);

            JobRepository.Advance inDynamo = repository.advance(first);

            String what = "case " + i + ": " + memory.item(jobId) + " + " + first;
            assertEquals(memory.advance(first), inDynamo, what);
            assertEquals(memory.item(jobId), rawItem(jobId), what);
            written += inDynamo instanceof JobRepository.Advance.Written ? 1 : 0;
        }
        assertTrue(written > cases / 5 && written < cases * 4 / 5, written + " of " + cases + " written: both ways");
    }

    @Test
    void anotherWritersSeedReadsAsAJobThatNeverExpires() {
        putRaw(Map.of("jobId", s("seed-1"), "status", s("queued"), "userId", s("user-s"),
                "createdAt", s("2024-06-25T12:00:00.123456+00:00")));

        JobRecord seed = repository.find("seed-1").orElseThrow();

        assertEquals(JobStatus.QUEUED, seed.status());
        assertEquals("user-s", seed.userId());
        assertEquals(Instant.parse("2024-06-25T12:00:00.123Z"), seed.createdAt());
        assertEquals(seed.createdAt(), seed.updatedAt(), "no updatedAt: createdAt");
        assertEquals(JobRecord.NEVER_EXPIRES, seed.ttl());
        assertFalse(seed.isExpired(NOW.plusSeconds(3650L * 24 * 3600)));
        assertNull(seed.projected(), "no event seen");
        assertEquals(0, seed.version());
    }

    @Test
    void aWriteFailsWhenAnotherWriterChangedWhatItReadAndLeavesWhatItDidNotRead() {
        putRaw(Map.of("jobId", s("seed-2"), "status", s("ROUTED"), "userId", s("user-s"),
                "createdAt", s("2024-06-25T12:00:00Z"), "prompt", s("a cat on a skateboard")));
        JobRecord read = repository.find("seed-2").orElseThrow();
        JobRecord next = job("seed-2", "user-s", JobStatus.COMPLETED, NOW.plusSeconds(5), 1);

        dynamo.updateItem(b -> b.tableName(tableName).key(Map.of("jobId", s("seed-2")))
                .updateExpression("SET #s = :s, updatedAt = :u")
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":s", s("FAILED"), ":u", s("2024-06-25T12:00:09+00:00"))));
        assertFalse(repository.apply(next, read.revision()), "the other writer's change was not merged");

        dynamo.updateItem(b -> b.tableName(tableName).key(Map.of("jobId", s("seed-2")))
                .updateExpression("SET model = :m").expressionAttributeValues(Map.of(":m", s("ltx"))));
        JobRecord again = repository.find("seed-2").orElseThrow();
        assertEquals(JobStatus.FAILED, again.status());
        assertTrue(repository.apply(next, again.revision()), "a change to what we do not read does not matter");

        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(tableName)
                .key(Map.of("jobId", s("seed-2")))).item();
        assertEquals("a cat on a skateboard", item.get("prompt").s(), "other writers' attributes stay");
        assertEquals("ltx", item.get("model").s());
        assertEquals("COMPLETED", item.get("status").s());
    }

    @Test
    void aUsersListIsNewestFirstPagedWithoutGapsOrDuplicatesAndHidesExpiredAndOtherUsersJobs() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String id = "list-" + i;
            repository.apply(job(id, "user-a", i % 2 == 0 ? JobStatus.QUEUED : JobStatus.COMPLETED,
                    NOW.plusSeconds(i), 1), null);
            expected.addFirst(id);
        }
        repository.apply(job("other-user", "user-b", JobStatus.QUEUED, NOW.plusSeconds(3), 1), null);
        repository.apply(expired(job("expired", "user-a", JobStatus.QUEUED, NOW.plusSeconds(4), 1)), null);

        List<String> seen = new ArrayList<>();
        JobRepository.Position after = null;
        do {
            JobRepository.Page page = repository.listByUser("user-a", null, 3, after, NOW);
            assertTrue(page.items().size() <= 3);
            page.items().forEach(j -> seen.add(j.jobId()));
            after = page.next();
        } while (after != null);

        assertEquals(expected, seen);
    }

    @Test
    void aStatusFilterFillsThePageFromLaterItems() {
        for (int i = 0; i < 6; i++) {
            repository.apply(job("f-" + i, "user-f", i < 4 ? JobStatus.QUEUED : JobStatus.FAILED,
                    NOW.plusSeconds(i), 1), null);
        }
        JobRepository.Page page = repository.listByUser("user-f", JobStatus.QUEUED, 3, null, NOW);
        assertEquals(List.of("f-3", "f-2", "f-1"), page.items().stream().map(JobRecord::jobId).toList());

        JobRepository.Page rest = repository.listByUser("user-f", JobStatus.QUEUED, 3, page.next(), NOW);
        assertEquals(List.of("f-0"), rest.items().stream().map(JobRecord::jobId).toList());
        assertNull(rest.next());
    }

    @Test
    void anotherWritersItemsAreListedWithoutTtlFilteredByTheStatusReadersSeeAndPagedByTheirOwnCreatedAt() {
        // another writer's spellings between ours, in createdAt order: seed-0 oldest, ours newest
        putRaw(Map.of("jobId", s("w-0"), "status", s("completed"), "userId", s("user-w"),
                "createdAt", s("2024-06-25T11:00:00Z"), "outputUrl", s("https://cdn.example.com/w-0.mp4")));
        putRaw(Map.of("jobId", s("w-1"), "status", s("ROUTED"), "userId", s("user-w"),
                "createdAt", s("2024-06-25T11:30:00.250000+00:00")));
        putRaw(Map.of("jobId", s("w-2"), "status", s("REJECTED"), "userId", s("user-w"),
                "createdAt", s("2024-06-25T11:45:00.5"), "ttl", s("not a number")));
        putRaw(Map.of("jobId", s("w-gone"), "status", s("QUEUED"), "userId", s("user-w"),
                "createdAt", s("2024-06-25T11:50:00Z"), "ttl", n(NOW.getEpochSecond())));
        repository.apply(job("w-3", "user-w", JobStatus.PROCESSING, NOW, 1), null);

        List<String> seen = new ArrayList<>();
        JobRepository.Position after = null;
        do {
            JobRepository.Page page = repository.listByUser("user-w", null, 1, after, NOW);
            page.items().forEach(j -> seen.add(j.jobId() + ":" + j.status()));
            after = page.next();
        } while (after != null);
        assertEquals(List.of("w-3:PROCESSING", "w-2:FAILED", "w-1:PROCESSING", "w-0:COMPLETED"), seen);

        assertEquals(List.of("w-3", "w-1"), repository.listByUser("user-w", JobStatus.PROCESSING, 10, null, NOW)
                .items().stream().map(JobRecord::jobId).toList());
        assertEquals(List.of("w-0"), repository.listByUser("user-w", JobStatus.COMPLETED, 10, null, NOW)
                .items().stream().map(JobRecord::jobId).toList());
    }

    /** The item as DynamoDB holds it, or null. */
    private Map<String, AttributeValue> rawItem(String jobId) {
        var response = dynamo.getItem(b -> b.tableName(tableName).key(Map.of("jobId", s(jobId))).consistentRead(true));
        return response.hasItem() && !response.item().isEmpty() ? response.item() : null;
    }

    private void putRaw(Map<String, AttributeValue> item) {
        dynamo.putItem(b -> b.tableName(tableName).item(item));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static JobRecord job(String id, String user, JobStatus status, Instant at, long version) {
        return new JobRecord(id, user, status, 1, "key-" + at, at, at,
                status == JobStatus.PROCESSING ? 10 : null, null,
                status == JobStatus.COMPLETED ? "https://cdn.example.com/" + id + ".mp4" : null,
                at.plusSeconds(30L * 24 * 3600).getEpochSecond(), version);
    }

    /** A job as one event makes it, the record a write without a read is given. */
    private static JobRecord first(String jobId, String userId, JobStatus status, int attempt, Instant at,
                                   String eventId) {
        String key = OrderKey.of(new JobEvent(eventId, "jobs.fal-invoker", new JobStatusChanged(jobId, userId, status,
                at, attempt, null, null, null)));
        return new JobRecord(jobId, userId, at, new JobState(status, attempt, key, at,
                status == JobStatus.PROCESSING ? 40 : null,
                status == JobStatus.FAILED ? new JobError("E", "failed") : null,
                status == JobStatus.COMPLETED ? "https://cdn.example.com/" + jobId + ".mp4" : null),
                null, at.plus(Duration.ofDays(30)).getEpochSecond(), 1, null);
    }

    /** An item as this service writes it, sometimes changed as another writer or older code leaves it. */
    private static Map<String, AttributeValue> storedItem(Random random, String jobId, Instant at,
                                                          InMemoryJobRepository memory) {
        JobStatus status = JobStatus.values()[random.nextInt(4)];
        int attempt = 1 + random.nextInt(3);
        Instant createdAt = at.minusSeconds(random.nextInt(30));
        JobRecord ours = first(jobId, "user-a", status, attempt, at, "e-" + random.nextInt(1000));
        memory.apply(new JobRecord(jobId, "user-a", createdAt, ours.projected(), null, ours.ttl(),
                1 + random.nextInt(4), null), null);
        Map<String, AttributeValue> item = new HashMap<>(memory.item(jobId));
        DateTimeFormatter python = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
        switch (random.nextInt(12)) {
            case 0 -> item.put("status", s(random.nextBoolean() ? "ROUTED" : status.name().toLowerCase()));
            case 1 -> item.put("updatedAt", s(python.format(at.atOffset(ZoneOffset.UTC))));
            case 2 -> item.put("createdAt", s(random.nextBoolean() ? python.format(createdAt.atOffset(ZoneOffset.UTC))
                    : Timestamps.format(at.plusSeconds(30))));
            case 3 -> item.remove(JobItemMapper.CREATED_AT_WRITTEN);
            case 4 -> {
                Map<String, AttributeValue> projected = new HashMap<>(item.get("projected").m());
                String key = projected.get("orderKey").s();
                projected.put("orderKey", s(String.format("%010d", attempt) + key.substring(key.indexOf('|'))));
                item.put("projected", AttributeValue.fromM(projected));
            }
            case 5 -> item.put("userId", s(" "));
            case 6 -> item.put("user_id", item.remove("userId"));
            case 7 -> item.put("error_message", s("the job submitter's reason"));
            case 8 -> item.remove("version");
            case 9 -> item.remove("projected");
            default -> {
                // as written
            }
        }
        return item;
    }

    private static JobRecord expired(JobRecord job) {
        return new JobRecord(job.jobId(), job.userId(), job.status(), job.attempt(), job.orderKey(), job.createdAt(),
                job.updatedAt(), job.progress(), job.error(), job.outputUrl(), NOW.getEpochSecond(), job.version());
    }
}
