package com.jobstatus.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jobstatus.schemas.JobError;
import com.jobstatus.schemas.JobStatus;
import com.jobstatus.runtime.AwsClients;
import com.jobstatus.runtime.AwsSettings;
import com.jobstatus.testing.MotoExtension;
import com.jobstatus.testing.MotoServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
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
        JobRecord failed = job("job-1", "user-a", JobStatus.FAILED, NOW, 1)
                .withError(new JobError("MODEL_TIMEOUT", "Try again"));

        assertTrue(repository.apply(failed, 0));

        assertEquals(Optional.of(failed), repository.find("job-1"));
        assertEquals(Optional.empty(), repository.find("job-unknown"));
    }

    @Test
    void aWriteWithAStaleVersionIsRefusedSoConcurrentWritersCannotOverwriteEachOther() {
        JobRecord v1 = job("job-2", "user-a", JobStatus.QUEUED, NOW, 1);
        assertTrue(repository.apply(v1, 0));
        assertFalse(repository.apply(v1, 0), "a second create of the same job must fail");

        JobRecord v2 = job("job-2", "user-a", JobStatus.PROCESSING, NOW.plusSeconds(1), 2);
        assertTrue(repository.apply(v2, 1));
        assertFalse(repository.apply(job("job-2", "user-a", JobStatus.COMPLETED, NOW, 2), 1),
                "a writer that read version 1 must not overwrite version 2");
        assertEquals(JobStatus.PROCESSING, repository.find("job-2").orElseThrow().status());
    }

    @Test
    void aUsersListIsNewestFirstPagedWithoutGapsOrDuplicatesAndHidesExpiredAndOtherUsersJobs() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String id = "list-" + i;
            repository.apply(job(id, "user-a", i % 2 == 0 ? JobStatus.QUEUED : JobStatus.COMPLETED,
                    NOW.plusSeconds(i), 1), 0);
            expected.addFirst(id);
        }
        repository.apply(job("other-user", "user-b", JobStatus.QUEUED, NOW.plusSeconds(3), 1), 0);
        repository.apply(expired(job("expired", "user-a", JobStatus.QUEUED, NOW.plusSeconds(4), 1)), 0);

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
                    NOW.plusSeconds(i), 1), 0);
        }
        JobRepository.Page page = repository.listByUser("user-f", JobStatus.QUEUED, 3, null, NOW);
        assertEquals(List.of("f-3", "f-2", "f-1"), page.items().stream().map(JobRecord::jobId).toList());

        JobRepository.Page rest = repository.listByUser("user-f", JobStatus.QUEUED, 3, page.next(), NOW);
        assertEquals(List.of("f-0"), rest.items().stream().map(JobRecord::jobId).toList());
        assertNull(rest.next());
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
