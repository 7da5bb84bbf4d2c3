package com.jobstatus.store;

import com.jobstatus.schemas.JobError;
import com.jobstatus.schemas.JobStatus;
import com.jobstatus.schemas.PlatformTimestamps;
import com.jobstatus.schemas.Texts;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * How the Jobs table's visible attributes read, whoever wrote them: the one place that maps what the
 * platform's other writers put in the table (docs/DESIGN.md §4, with the table of mappings). This service writes
 * every attribute as the contract spells it, and that reads back unchanged; other writers (FalInvoker's J-02 seed, the job submitter) write fewer attributes and other
 * spellings. Nothing here fails: every item reads as a job, the worst case with a warning in the log.
 */
final class ForeignItems {

    /** The job submitter reads the owner as {@code user_id}; ours is {@code userId}. */
    static final String USER_ID_ALTERNATIVE = "user_id";
    /** The job submitter writes a failure's reason as a plain string here. */
    static final String ERROR_MESSAGE_ALTERNATIVE = "error_message";
    /** The error code of a failure another writer reports without one. */
    static final String FAILED_CODE = "FAILED";
    /** The error code of a job another writer marked {@code REJECTED}. */
    static final String REJECTED_CODE = "REJECTED";
    static final String REJECTED_MESSAGE = "The job was rejected.";
    static final int MAX_URL = 2048;

    private static final Logger LOG = LoggerFactory.getLogger(ForeignItems.class);
    /** Each odd spelling is logged once per container, not on every poll of the job. */
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();
    private static final int MAX_WARNED = 200;

    /** What a status spelling means: the status, and for a failure the code its error gets. */
    record Reading(JobStatus status, String failureCode) {
    }

    private ForeignItems() {
    }

    /**
     * A status as any writer spells it: our four in any case; {@code ROUTED} (the job submitter hands the job to
     * the video provider, the moment it publishes {@code video.job.submitted}) is PROCESSING; {@code REJECTED} is
     * FAILED with code {@code REJECTED}. Anything else (or none) reads as QUEUED, the lowest rank, so the job's
     * next event decides, and is logged once.
     */
    static Reading status(String spelling) {
        String name = spelling == null ? "" : spelling.trim().toUpperCase(Locale.ROOT);
        return switch (name) {
            case "QUEUED", "PROCESSING", "COMPLETED" -> new Reading(JobStatus.parse(name), null);
            case "FAILED" -> new Reading(JobStatus.FAILED, FAILED_CODE);
            case "ROUTED" -> new Reading(JobStatus.PROCESSING, null);
            case "REJECTED" -> new Reading(JobStatus.FAILED, REJECTED_CODE);
            default -> {
                warnOnce("status:" + spelling, "unknown job status in the Jobs table, read as QUEUED", spelling);
                yield new Reading(JobStatus.QUEUED, null);
            }
        };
    }

    /** {@code userId}, else {@code user_id}; null when the item names no owner. */
    static String userId(Map<String, AttributeValue> item) {
        String userId = text(item.get(JobItemMapper.USER_ID));
        return userId != null ? userId : text(item.get(USER_ID_ALTERNATIVE));
    }

    /** {@code createdAt}, else {@code updatedAt}, read leniently; the epoch (and a warning) when neither reads. */
    static Instant createdAt(Map<String, AttributeValue> item) {
        Instant createdAt = time(item.get(JobItemMapper.CREATED_AT));
        if (createdAt == null) {
            createdAt = time(item.get(JobItemMapper.UPDATED_AT));
        }
        if (createdAt == null) {
            warnOnce("createdAt", "a job in the Jobs table has no readable createdAt or updatedAt; shown as 1970",
                    text(item.get(JobItemMapper.CREATED_AT)));
            return Instant.EPOCH;
        }
        return createdAt;
    }

    /** {@code ttl} in epoch seconds, as DynamoDB's TTL reads it; no number there means never expiring. */
    static long ttl(Map<String, AttributeValue> item) {
        AttributeValue ttl = item.get(JobItemMapper.TTL);
        if (ttl == null || ttl.n() == null) {
            return JobRecord.NEVER_EXPIRES;
        }
        try {
            return new BigDecimal(ttl.n()).longValue();
        } catch (NumberFormatException e) {
            return JobRecord.NEVER_EXPIRES;
        }
    }

    /**
     * The item's visible state (its top-level attributes) as a job state ranked as another writer's: attempt 1,
     * its status, its {@code updatedAt} (else {@code createdAt}), below any event at the same point.
     */
    static JobState visibleState(Map<String, AttributeValue> item, Instant createdAt) {
        Reading reading = status(text(item.get(JobItemMapper.STATUS)));
        JobStatus status = reading.status();
        Instant updatedAt = time(item.get(JobItemMapper.UPDATED_AT));
        if (updatedAt == null) {
            updatedAt = createdAt;
        }
        return new JobState(status, 1, OrderKey.ofOtherWriter(status, updatedAt), updatedAt,
                status == JobStatus.PROCESSING ? progress(item.get(JobItemMapper.PROGRESS)) : null,
                status == JobStatus.FAILED ? error(item, reading.failureCode()) : null,
                status == JobStatus.COMPLETED ? outputUrl(item.get(JobItemMapper.OUTPUT_URL)) : null);
    }

    /**
     * {@code error_message} (the job submitter's, written with its status, so the freshest), else our
     * {@code error} map ({@code code}, {@code message}), else a plain string in {@code error}; a REJECTED job without
     * a reason gets one. Cut to the contract's lengths ({@link JobError#within}).
     */
    private static JobError error(Map<String, AttributeValue> item, String failureCode) {
        AttributeValue error = item.get(JobItemMapper.ERROR);
        String code = failureCode;
        String message = text(item.get(ERROR_MESSAGE_ALTERNATIVE));
        if (message == null && error != null && error.hasM()) {
            String ownCode = text(error.m().get(JobItemMapper.ERROR_CODE));
            code = ownCode != null ? ownCode : code;
            message = text(error.m().get(JobItemMapper.ERROR_MESSAGE));
        } else if (message == null) {
            message = text(error);
        }
        if (message == null && REJECTED_CODE.equals(failureCode)) {
            message = REJECTED_MESSAGE;
        }
        return message == null ? null : JobError.within(code, message);
    }

    private static Integer progress(AttributeValue value) {
        if (value == null || value.n() == null) {
            return null;
        }
        try {
            int progress = new BigDecimal(value.n()).intValueExact();
            return progress >= 0 && progress <= 100 ? progress : null;
        } catch (ArithmeticException | NumberFormatException e) {
            return null;
        }
    }

    /** Only what the Read API may show: an absolute https URL within the contract's length. */
    private static String outputUrl(AttributeValue value) {
        String url = text(value);
        if (url == null) {
            return null;
        }
        if (!url.startsWith("https://") || url.length() > MAX_URL) {
            warnOnce("outputUrl", "an outputUrl in the Jobs table is not an https URL of at most " + MAX_URL
                    + " characters; not shown", null);
            return null;
        }
        return url;
    }

    /** A timestamp attribute, string or number, at the millisecond precision the table keeps. */
    private static Instant time(AttributeValue value) {
        if (value == null) {
            return null;
        }
        Instant at = PlatformTimestamps.parse(value.s() != null ? value.s() : value.n());
        return at == null ? null : at.truncatedTo(ChronoUnit.MILLIS);
    }

    private static String text(AttributeValue value) {
        return value == null || value.s() == null || value.s().isBlank() ? null : value.s();
    }

    private static void warnOnce(String key, String message, String value) {
        if (WARNED.size() < MAX_WARNED && WARNED.add(key)) {
            LOG.warn(message + (value == null ? "" : ": '" + Texts.cut(value, 64) + "'"));
        }
    }
}
