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
import com.jobstatus.schemas.JobStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    private static JobRecord expired(JobRecord job) {
        return new JobRecord(job.jobId(), job.userId(), job.status(), job.attempt(), job.orderKey(), job.createdAt(),
                job.updatedAt(), job.progress(), job.error(), job.outputUrl(), NOW.getEpochSecond(), job.version());
    }
}
