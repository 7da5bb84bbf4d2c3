package com.jobstatus.push;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.jobstatus.connections.Connection;
import com.jobstatus.connections.ConnectionRepository;
import com.jobstatus.schemas.JobJson;
import com.jobstatus.store.JobRecord;
import com.jobstatus.store.StoreException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each changed job to every open connection of its owner, and to no one else: the message is the job as
 * {@code GET /v1/jobs/{id}} shows it ({@link JobJson}). Records are handled one after the other in stream order,
 * each sent to each connection before the next, so a connection gets a job's states in the order they were
 * stored and the last message it gets is the job's current state.
 *
 * <p>A record that cannot be sent now (the Connections table or API Gateway failing) stops the batch there:
 * Lambda retries from that record, never past it, so a later state is never overtaken by an earlier one. A closed
 * connection (410 Gone) is forgotten. Deleted items (TTL), expired items, items without an owner and items that do
 * not read as a job are skipped: the first three have nothing to tell anyone, the last is logged and counted for
 * on-call. Other writers' items are pushed as {@code GET} reads them.
 */
public final class Pusher {

    private static final Logger LOG = LoggerFactory.getLogger(Pusher.class);

    /** @param failedAt the sequence number of the first record not handled, or null when all were */
    public record Result(String failedAt, int sent) {
    }

    private final ConnectionRepository connections;
    private final ConnectionSender sender;
    private final PushMetrics metrics;
    private final Clock clock;

    public Pusher(ConnectionRepository connections, ConnectionSender sender, PushMetrics metrics, Clock clock) {
        this.connections = connections;
        this.sender = sender;
        this.metrics = metrics;
        this.clock = clock;
    }

    public Result push(List<StreamChange> changes) {
        metrics.records(changes.size());
        int sent = 0;
        for (StreamChange change : changes) {
            try {
                sent += push(change);
            } catch (StoreException | ConnectionSender.SendException e) {
                LOG.warn("change not pushed; the batch is retried from it", entry("outcome", "RETRY"),
                        entry("sequenceNumber", change.sequenceNumber()), entry("reason", e.getMessage()));
                return new Result(change.sequenceNumber(), sent);
            }
        }
        return new Result(null, sent);
    }

    private int push(StreamChange change) {
        return switch (change.item()) {
            case StreamChange.Written written -> push(written.job());
            case StreamChange.Removed removed -> 0;
            case StreamChange.Unreadable unreadable -> {
                metrics.unreadable();
                LOG.error("an item of the Jobs table does not read as a job; nobody is told", entry("outcome", "UNREADABLE"),
                        entry("jobId", unreadable.jobId()), entry("sequenceNumber", change.sequenceNumber()),
                        entry("reason", unreadable.reason()));
                yield 0;
            }
        };
    }

    private int push(JobRecord job) {
        Instant now = clock.instant();
        if (job.isExpired(now) || job.userId() == null) {
            // an item another writer left without an owner is nobody's job to see (GET shows it to no one)
            return 0;
        }
        String message = JobJson.text(job.toJob());
        int sent = 0;
        for (Connection connection : connections.ofUser(job.userId(), now)) {
            if (sendTo(connection, job, message)) {
                sent++;
            }
        }
        LOG.info("change pushed", entry("outcome", "PUSHED"), entry("jobId", job.jobId()),
                entry("status", job.status().name()), entry("connections", sent));
        return sent;
    }

    /** @return true if the connection got the message */
    private boolean sendTo(Connection connection, JobRecord job, String message) {
        try {
            if (sender.send(connection.connectionId(), message) == ConnectionSender.Sent.GONE) {
                connections.remove(connection.connectionId());
                metrics.gone();
                LOG.info("connection gone; forgotten", entry("outcome", "GONE"),
                        entry("connectionId", connection.connectionId()));
                return false;
            }
            metrics.sent();
            return true;
        } catch (ConnectionSender.SendException e) {
            if (e.retryable()) {
                throw e;
            }
            metrics.sendFailed();
            LOG.error("API Gateway refused a message for a connection; it is skipped", entry("outcome", "SEND_FAILED"),
                    entry("connectionId", connection.connectionId()), entry("jobId", job.jobId()),
                    entry("reason", e.getMessage()));
            return false;
        }
    }
}
