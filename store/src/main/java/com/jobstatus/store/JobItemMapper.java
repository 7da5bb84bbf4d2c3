package com.jobstatus.store;

import com.jobstatus.schemas.JobError;
import com.jobstatus.schemas.JobStatus;
import com.jobstatus.schemas.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Maps {@link JobRecord} to the Jobs table's items and back, by hand: no bean introspection on the hot path,
 * and the attribute names stay visible in one place.
 *
 * <p>An item's top-level attributes are the job as everyone reads it (docs/DESIGN.md §4): {@code status},
 * {@code createdAt}, {@code updatedAt}, {@code progress}, {@code error}, {@code outputUrl}, {@code ttl}. Other
 * writers read and write those too. What the events projected is kept apart, in the {@code projected} map
 * with its order key, which only this service writes: when the top-level state no longer says what
 * {@code projected} says, another writer changed it, and that is its state ({@link ForeignItems} reads it).
 */
final class JobItemMapper {

    static final String JOB_ID = JobsTable.KEY;
    static final String USER_ID = JobsTable.INDEX_PARTITION;
    static final String CREATED_AT = JobsTable.INDEX_SORT;
    static final String TTL = JobsTable.TTL_ATTRIBUTE;
    static final String STATUS = "status";
    static final String UPDATED_AT = "updatedAt";
    static final String PROGRESS = "progress";
    static final String ERROR = "error";
    static final String ERROR_CODE = "code";
    static final String ERROR_MESSAGE = "message";
    static final String OUTPUT_URL = "outputUrl";
    static final String VERSION = "version";
    static final String PROJECTED = "projected";
    static final String ATTEMPT = "attempt";
    static final String ORDER_KEY = "orderKey";

    /** Every attribute {@link #fromItem} reads: a conditional write expects each as it was read ({@link Revision}). */
    static final List<String> READ = List.of(USER_ID, ForeignItems.USER_ID_ALTERNATIVE, STATUS, CREATED_AT,
            UPDATED_AT, TTL, PROGRESS, ERROR, ForeignItems.ERROR_MESSAGE_ALTERNATIVE, OUTPUT_URL, VERSION, PROJECTED);

    private static final Logger LOG = LoggerFactory.getLogger(JobItemMapper.class);

    /**
     * What writing a job changes in its item: these attributes set, those removed. Everything else in the
     * item (other writers' own attributes) stays.
     */
    record ItemWrite(Map<String, AttributeValue> set, List<String> remove) {
    }

    private JobItemMapper() {
    }

    /**
     * The write of {@code job}: what the events projected in {@code projected}, and at the top level the events'
     * state when it is what readers see. When another writer's state ranks above it, that state's attributes
     * stay as the other writer wrote them (so it reads back the same), only its time spelled out: a new
     * {@code createdAt} must not move a state whose time was the {@code createdAt}.
     */
    static ItemWrite write(JobRecord job) {
        Map<String, AttributeValue> set = new LinkedHashMap<>();
        List<String> remove = new ArrayList<>();
        JobState shown = job.current();
        set.put(USER_ID, s(job.userId()));
        set.put(CREATED_AT, s(Timestamps.format(job.createdAt())));
        set.put(TTL, n(job.ttl()));
        set.put(VERSION, n(job.version()));
        if (shown == job.projected()) {
            put(set, remove, shown, false);
        } else {
            set.put(UPDATED_AT, s(Timestamps.format(shown.updatedAt())));
        }
        if (job.projected() != null) {
            Map<String, AttributeValue> projected = new HashMap<>();
            put(projected, new ArrayList<>(), job.projected(), true);
            set.put(PROJECTED, AttributeValue.fromM(projected));
        } else {
            remove.add(PROJECTED);
        }
        return new ItemWrite(set, remove);
    }

    private static void put(Map<String, AttributeValue> set, List<String> remove, JobState state, boolean ordered) {
        set.put(STATUS, s(state.status().name()));
        set.put(UPDATED_AT, s(Timestamps.format(state.updatedAt())));
        if (ordered) {
            set.put(ATTEMPT, n(state.attempt()));
            set.put(ORDER_KEY, s(state.orderKey()));
        }
        optional(set, remove, PROGRESS, state.progress() == null ? null : n(state.progress()));
        optional(set, remove, ERROR, state.error() == null ? null : AttributeValue.fromM(Map.of(
                ERROR_CODE, s(state.error().code()), ERROR_MESSAGE, s(state.error().message()))));
        optional(set, remove, OUTPUT_URL, state.outputUrl() == null ? null : s(state.outputUrl()));
    }

    private static void optional(Map<String, AttributeValue> set, List<String> remove, String name,
                                 AttributeValue value) {
        if (value != null) {
            set.put(name, value);
        } else {
            remove.add(name);
        }
    }

    /** The job an item holds, whoever wrote it; never fails (see {@link ForeignItems}). */
    static JobRecord fromItem(Map<String, AttributeValue> item) {
        Instant createdAt = ForeignItems.createdAt(item);
        JobState projected = projected(item.get(PROJECTED));
        JobState visible = ForeignItems.visibleState(item, createdAt);
        JobState foreign = visible.saysTheSameAs(projected) ? null : visible;
        AttributeValue version = item.get(VERSION);
        return new JobRecord(item.get(JOB_ID).s(), ForeignItems.userId(item), createdAt, projected, foreign,
                ForeignItems.ttl(item), version == null || version.n() == null ? 0 : parseLong(version.n()),
                revisionOf(item));
    }

    /** How the item is now, as a conditional write of it must find it. */
    static Revision revisionOf(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> read = new HashMap<>();
        for (String name : READ) {
            AttributeValue value = item.get(name);
            if (value != null) {
                read.put(name, value);
            }
        }
        return new Revision(read);
    }

    /** What the events projected, as only this service writes it; null if absent or not ours after all. */
    private static JobState projected(AttributeValue value) {
        if (value == null || !value.hasM()) {
            return null;
        }
        Map<String, AttributeValue> map = value.m();
        try {
            AttributeValue error = map.get(ERROR);
            return new JobState(
                    JobStatus.valueOf(map.get(STATUS).s()),
                    Integer.parseInt(map.get(ATTEMPT).n()),
                    map.get(ORDER_KEY).s(),
                    Timestamps.parse(map.get(UPDATED_AT).s()),
                    map.containsKey(PROGRESS) ? Integer.valueOf(map.get(PROGRESS).n()) : null,
                    error == null ? null : new JobError(error.m().get(ERROR_CODE).s(), error.m().get(ERROR_MESSAGE).s()),
                    map.containsKey(OUTPUT_URL) ? map.get(OUTPUT_URL).s() : null);
        } catch (RuntimeException e) {
            // someone else's attribute of the same name, or a damaged one: the item reads by its visible state
            LOG.warn("a projected attribute in the Jobs table is not this service's; ignored ({})",
                    e.getClass().getSimpleName());
            return null;
        }
    }

    private static long parseLong(String number) {
        try {
            return Long.parseLong(number);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
