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
    /**
     * The {@code createdAt} this service last wrote, beside it: while the two are equal, {@code createdAt} is in
     * our spelling, which sorts as time does, so a write that does not read can compare it ({@link #advancing}).
     */
    static final String CREATED_AT_WRITTEN = "projectedCreatedAt";

    /** Every attribute {@link #fromItem} reads: a conditional write expects each as it was read ({@link Revision}). */
    static final List<String> READ = List.of(USER_ID, ForeignItems.USER_ID_ALTERNATIVE, STATUS, CREATED_AT,
            UPDATED_AT, TTL, PROGRESS, ERROR, ForeignItems.ERROR_MESSAGE_ALTERNATIVE, OUTPUT_URL, VERSION, PROJECTED);

    private static final Logger LOG = LoggerFactory.getLogger(JobItemMapper.class);

    private JobItemMapper() {
    }

    /**
     * The write of {@code job}: what the events projected in {@code projected}, and at the top level the events'
     * state when it is what readers see. When another writer's state ranks above it, that state's attributes
     * stay as the other writer wrote them (so it reads back the same), only its time spelled out: a new
     * {@code createdAt} must not move a state whose time was the {@code createdAt}.
     */
    static ItemUpdate write(JobRecord job) {
        Map<String, AttributeValue> set = new LinkedHashMap<>();
        List<String> remove = new ArrayList<>();
        JobState shown = job.current();
        set.put(USER_ID, s(job.userId()));
        set.put(CREATED_AT, s(Timestamps.format(job.createdAt())));
        set.put(CREATED_AT_WRITTEN, set.get(CREATED_AT));
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
        return new ItemUpdate(set, Map.of(), List.of(), remove);
    }

    /** The condition of a write expecting the item as it was read ({@link Revision}); null: there was none. */
    static Condition expecting(Revision expected) {
        if (expected == null) {
            return Condition.absent(JOB_ID);
        }
        List<Condition> unchanged = new ArrayList<>(READ.size());
        for (String attribute : READ) {
            AttributeValue value = expected.attributes().get(attribute);
            unchanged.add(value == null ? Condition.absent(attribute) : Condition.compare(Condition.Path.of(attribute),
                    Condition.Comparison.EQUAL, new Condition.Value(value)));
        }
        return new Condition.All(unchanged);
    }

    /**
     * Whether {@link #advancing} can decide for {@code first}: DynamoDB orders strings by their UTF-8 bytes, Java by
     * UTF-16 units, and the two agree for a key without characters from U+D800 on; and a blank owner reads as none
     * ({@link ForeignItems#userId}), which a condition on {@code userId} cannot express.
     */
    static boolean canAdvance(JobRecord first) {
        return !first.userId().isBlank() && first.projected().orderKey().chars().allMatch(c -> c < Character.MIN_SURROGATE);
    }

    /**
     * The condition under which writing {@code first} with {@link #advance} gives exactly the item that reading it,
     * merging the event into it (docs/DESIGN.md §5) and writing the result would give: there is no item (the event's job
     * alone is the job), or the item is as this service last wrote it, in every part the merge reads:
     * <ul>
     *   <li>the same owner (so no rejection, and the owner stays);</li>
     *   <li>its shown {@code status} and {@code updatedAt} exactly what the events said ({@code projected}): no other
     *       writer's state is shown, so none can rank above the event, and the merge writes the event's state at the
     *       top level;</li>
     *   <li>{@code createdAt} in our spelling (equal to {@link #CREATED_AT_WRITTEN}) and no later than the event, so
     *       it stays as it is;</li>
     *   <li>the event's key above the events' key: a lower attempt (attempts are numbers in the map, whatever the
     *       key's width), or the same attempt field (same width, so string order is {@link OrderKey#compare}'s) and a
     *       lower key.</li>
     * </ul>
     * Anything else is refused, and the caller reads, merges and writes as usual: the condition may refuse what the
     * merge would write (a late first event, another writer's state below the event), never the other way round.
     */
    static Condition advancing(JobRecord first) {
        JobState state = first.projected();
        String key = state.orderKey();
        Condition.Path projectedKey = Condition.Path.of(PROJECTED, ORDER_KEY);
        return Condition.anyOf(
                Condition.absent(JOB_ID),
                Condition.all(
                        Condition.compare(Condition.Path.of(USER_ID), Condition.Comparison.EQUAL,
                                new Condition.Value(s(first.userId()))),
                        Condition.compare(Condition.Path.of(STATUS), Condition.Comparison.EQUAL,
                                Condition.Path.of(PROJECTED, STATUS)),
                        Condition.compare(Condition.Path.of(UPDATED_AT), Condition.Comparison.EQUAL,
                                Condition.Path.of(PROJECTED, UPDATED_AT)),
                        Condition.compare(Condition.Path.of(CREATED_AT), Condition.Comparison.EQUAL,
                                Condition.Path.of(CREATED_AT_WRITTEN)),
                        Condition.compare(Condition.Path.of(CREATED_AT), Condition.Comparison.LESS_OR_EQUAL,
                                new Condition.Value(s(Timestamps.format(first.createdAt())))),
                        Condition.anyOf(
                                Condition.compare(Condition.Path.of(PROJECTED, ATTEMPT), Condition.Comparison.LESS,
                                        new Condition.Value(n(state.attempt()))),
                                Condition.all(
                                        new Condition.BeginsWith(projectedKey, key.substring(0, key.indexOf('|') + 1)),
                                        Condition.compare(projectedKey, Condition.Comparison.LESS,
                                                new Condition.Value(s(key)))))));
    }

    /**
     * Writes {@code first} (a job as its one event makes it) where {@link #advancing} holds: as it is where there is
     * no item; over an item, with its {@code createdAt} kept (the condition says it is no later) and its version
     * counted up, which is what the merge writes there.
     */
    static ItemUpdate advance(JobRecord first) {
        ItemUpdate write = write(first);
        Map<String, AttributeValue> set = new LinkedHashMap<>(write.set());
        Map<String, AttributeValue> ifAbsent = new LinkedHashMap<>();
        for (String kept : List.of(CREATED_AT, CREATED_AT_WRITTEN)) {
            ifAbsent.put(kept, set.remove(kept));
        }
        set.remove(VERSION);
        return new ItemUpdate(set, ifAbsent, List.of(VERSION), write.remove());
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
