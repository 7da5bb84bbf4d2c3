package com.jobstatus.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jobstatus.connections.Connection;
import com.jobstatus.connections.InMemoryConnectionRepository;
import com.jobstatus.schemas.JobError;
import com.jobstatus.schemas.JobJson;
import com.jobstatus.schemas.JobStatus;
import com.jobstatus.schemas.Json;
import com.jobstatus.schemas.JsonSchemas;
import com.jobstatus.store.JobRecord;
import com.jobstatus.store.JobStreamImages;
import com.jobstatus.store.StoreException;
import com.networknt.schema.Schema;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The push rules over an in-memory Connections table and a recording {@code @connections} API. */
class PusherTest {

    private static final Instant NOW = Instant.parse("2024-06-25T12:00:00Z");
    private static final Schema JOB_SCHEMA = JsonSchemas.load(JsonSchemas.JOB);

    private final InMemoryConnectionRepository connections = new InMemoryConnectionRepository();
    private final RecordingSender sender = new RecordingSender();
    private final CountingMetrics metrics = new CountingMetrics();
    private final Pusher pusher = new Pusher(connections, sender, metrics, Clock.fixed(NOW, ZoneOffset.UTC));
    private int sequence;

    @Test
    void aJobGoesToEveryConnectionOfItsOwnerAndToNoOneElseAsTheReadApisJson() {
        connections.add(Connection.opened("a-1", "user-a", NOW));
        connections.add(Connection.opened("a-2", "user-a", NOW));
        connections.add(Connection.opened("b-1", "user-b", NOW));
        JobRecord job = job("job-a", "user-a", JobStatus.PROCESSING, 40, 1);

        assertNull(pusher.push(List.of(change("MODIFY", job))).failedAt());

        assertEquals(List.of(JobJson.text(job.toJob())), sender.to("a-1"));
        assertEquals(List.of(JobJson.text(job.toJob())), sender.to("a-2"));
        assertEquals(List.of(), sender.to("b-1"), "another user's connection gets nothing");
        for (RecordingSender.Message message : sender.sent) {
            assertEquals(List.of(), JOB_SCHEMA.validate(json(message.body())).stream().map(Object::toString).toList());
        }
        assertEquals(2, metrics.sent.get());
    }

    @Test
    void aBurstForOneJobReachesEachConnectionInStoredOrderEndingWithTheFinalState() {
        connections.add(Connection.opened("a-1", "user-a", NOW));
        connections.add(Connection.opened("a-2", "user-a", NOW));
        List<JobRecord> states = List.of(
                job("job-a", "user-a", JobStatus.QUEUED, null, 1),
                job("job-a", "user-a", JobStatus.PROCESSING, 10, 2),
                job("job-a", "user-a", JobStatus.PROCESSING, 60, 3),
                job("job-a", "user-a", JobStatus.COMPLETED, null, 4));
        pusher.push(states.stream().map(s -> change("MODIFY", s)).toList());
        List<String> expected = states.stream().map(s -> JobJson.text(s.toJob())).toList();
        assertEquals(expected, sender.to("a-1"));
        assertEquals(expected, sender.to("a-2"));
    }

    @Test
    void aGoneConnectionIsForgottenAndTheOthersStillGetTheJob() {
        connections.add(Connection.opened("a-1", "user-a", NOW));
        connections.add(Connection.opened("a-dead", "user-a", NOW));
        sender.gone.add("a-dead");
        JobRecord job = job("job-a", "user-a", JobStatus.QUEUED, null, 1);

        assertNull(pusher.push(List.of(change("INSERT", job))).failedAt());

        assertEquals(1, sender.to("a-1").size());
        assertFalse(connections.all().containsKey("a-dead"));
        assertTrue(connections.all().containsKey("a-1"));
        assertEquals(1, metrics.gone.get());
    }

    @Test
    void aRetryableFailureStopsTheBatchAtItsRecordSoNoLaterStateOvertakesIt() {
        connections.add(Connection.opened("a-1", "user-a", NOW));
        connections.add(Connection.opened("b-1", "user-b", NOW));
        sender.failing.put("a-1", true);
        List<StreamChange> batch = List.of(
                change("MODIFY", job("job-b", "user-b", JobStatus.QUEUED, null, 1)),
                change("MODIFY", job("job-a", "user-a", JobStatus.PROCESSING, 5, 2)),
                change("MODIFY", job("job-b", "user-b", JobStatus.PROCESSING, 5, 2)));

        Pusher.Result result = pusher.push(batch);

        assertEquals(batch.get(1).sequenceNumber(), result.failedAt());
        assertEquals(1, sender.to("b-1").size(), "records after the failed one wait for the retry");

        // the retry, from the failed record, once API Gateway answers again
        sender.failing.clear();
        assertNull(pusher.push(batch.subList(1, 3)).failedAt());
        assertEquals(1, sender.to("a-1").size());
        assertEquals(2, sender.to("b-1").size());
    }

    @Test
    void aConnectionApiGatewayRefusesIsSkippedWithoutHoldingUpTheOthers() {
        connections.add(Connection.opened("a-1", "user-a", NOW));
        connections.add(Connection.opened("a-bad", "user-a", NOW));
        sender.failing.put("a-bad", false);
        assertNull(pusher.push(List.of(change("MODIFY", job("job-a", "user-a", JobStatus.QUEUED, null, 1)))).failedAt());
        assertEquals(1, sender.to("a-1").size());
        assertEquals(1, metrics.sendFailed.get());
        assertTrue(connections.all().containsKey("a-bad"), "refused is not gone");
    }

    @Test
    void whenTheConnectionsTableFailsTheBatchIsRetriedFromThatRecord() {
        Pusher failing = new Pusher(new com.jobstatus.connections.ConnectionRepository() {
            @Override
            public void add(Connection connection) {
            }

            @Override
            public void remove(String connectionId) {
            }

            @Override
            public List<Connection> ofUser(String userId, Instant now) {
                throw new StoreException("Query failed: ThrottlingException (HTTP 400)", true, null);
            }
        }, sender, metrics, Clock.fixed(NOW, ZoneOffset.UTC));
        StreamChange first = change("MODIFY", job("job-a", "user-a", JobStatus.QUEUED, null, 1));
        assertEquals(first.sequenceNumber(), failing.push(List.of(first)).failedAt());
    }

    @Test
    void deletionsExpiredJobsOwnerlessItemsAndItemsThatAreNotJobsAreSkippedAndTheRestPushed() {
        connections.add(Connection.opened("a-1", "user-a", NOW));
        JobRecord expired = new JobRecord("job-old", "user-a", JobStatus.COMPLETED, 1, "k", NOW.minusSeconds(99),
                NOW.minusSeconds(99), null, null, null, NOW.getEpochSecond(), 1);
        ObjectNode notAJob = Json.MAPPER.createObjectNode();
        notAJob.putObject("jobId").put("N", "7");
        ObjectNode nobodys = Json.MAPPER.createObjectNode(); // another writer's item naming no owner
        nobodys.putObject("jobId").put("S", "job-nobodys");
        nobodys.putObject("status").put("S", "processing");
        JobRecord fine = job("job-a", "user-a", JobStatus.FAILED, null, 1);

        Pusher.Result result = pusher.push(List.of(
                StreamChange.read(next(), "REMOVE", null),
                change("MODIFY", expired),
                StreamChange.read(next(), "MODIFY", notAJob),
                StreamChange.read(next(), "MODIFY", nobodys),
                change("MODIFY", fine)));

        assertNull(result.failedAt());
        assertEquals(List.of(JobJson.text(fine.toJob())), sender.to("a-1"));
        assertEquals(1, metrics.unreadable.get());
    }

    private StreamChange change(String eventName, JobRecord job) {
        return StreamChange.read(next(), eventName, JobStreamImages.imageOf(job));
    }

    private String next() {
        return Long.toString(100_000_000_000L + ++sequence);
    }

    private static JobRecord job(String jobId, String userId, JobStatus status, Integer progress, long version) {
        Instant updated = NOW.minusSeconds(100 - version);
        return new JobRecord(jobId, userId, status, 1, "k" + version, NOW.minusSeconds(100), updated,
                status == JobStatus.PROCESSING ? progress : null,
                status == JobStatus.FAILED ? new JobError("RENDER_FAILED", "The render failed") : null,
                status == JobStatus.COMPLETED ? "https://videos.example.com/" + jobId + ".mp4" : null,
                updated.getEpochSecond() + 30 * 86400, version);
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(text, e);
        }
    }

    static final class CountingMetrics implements PushMetrics {
        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger gone = new AtomicInteger();
        final AtomicInteger sendFailed = new AtomicInteger();
        final AtomicInteger unreadable = new AtomicInteger();

        @Override
        public void records(int count) {
        }

        @Override
        public void sent() {
            sent.incrementAndGet();
        }

        @Override
        public void gone() {
            gone.incrementAndGet();
        }

        @Override
        public void sendFailed() {
            sendFailed.incrementAndGet();
        }

        @Override
        public void unreadable() {
            unreadable.incrementAndGet();
        }
    }
}
