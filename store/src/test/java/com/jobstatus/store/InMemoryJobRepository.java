package com.jobstatus.store;

import com.jobstatus.schemas.JobStatus;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link JobRepository} over items in a map, mapped, conditioned and written exactly as the DynamoDB one does (the
 * same mapper, the same {@link Condition}s and {@link ItemUpdate}s, evaluated by DynamoDB's rules in
 * {@link ItemExpressions}), for unit tests of the code around the store; and the other writers' blind puts and
 * updates, for tests of how items they wrote read and merge. {@link DynamoJobRepositoryIT} holds DynamoDB's
 * decisions to the same evaluation.
 */
public class InMemoryJobRepository implements JobRepository {

    private final Map<String, Map<String, AttributeValue>> items = new ConcurrentHashMap<>();

    @Override
    public Optional<JobRecord> find(String jobId) {
        Map<String, AttributeValue> item = items.get(jobId);
        return item == null ? Optional.empty() : Optional.of(JobItemMapper.fromItem(item));
    }

    @Override
    public synchronized boolean apply(JobRecord next, Revision expected) {
        return update(next.jobId(), JobItemMapper.expecting(expected), JobItemMapper.write(next));
    }

    @Override
    public synchronized Advance advance(JobRecord first) {
        if (!JobItemMapper.canAdvance(first)) {
            return new Advance.Refused(find(first.jobId()));
        }
        Map<String, AttributeValue> before = items.get(first.jobId());
        return update(first.jobId(), JobItemMapper.advancing(first), JobItemMapper.advance(first)) ? Advance.WRITTEN
                : new Advance.Refused(Optional.ofNullable(before).map(JobItemMapper::fromItem));
    }

    /** One conditional write, as DynamoDB's UpdateItem makes it. */
    synchronized boolean update(String jobId, Condition condition, ItemUpdate update) {
        Map<String, AttributeValue> current = items.get(jobId);
        if (!ItemExpressions.holds(condition, current == null ? Map.of() : current)) {
            return false;
        }
        items.put(jobId, ItemExpressions.apply(update, current == null
                ? Map.of(JobItemMapper.JOB_ID, JobItemMapper.s(jobId)) : current));
        return true;
    }

    /** Another writer's PutItem: the whole item replaced, as DynamoDB does. */
    public synchronized void putItem(Map<String, AttributeValue> item) {
        items.put(item.get(JobItemMapper.JOB_ID).s(), Map.copyOf(item));
    }

    /** Another writer's UpdateItem {@code SET}: these attributes replaced, the rest kept (or a new item). */
    public synchronized void updateItem(String jobId, Map<String, AttributeValue> set) {
        Map<String, AttributeValue> item = new HashMap<>(items.getOrDefault(jobId,
                Map.of(JobItemMapper.JOB_ID, JobItemMapper.s(jobId))));
        item.putAll(set);
        items.put(jobId, Map.copyOf(item));
    }

    /** The item as stored, for assertions on what other writers' readers see. */
    public Map<String, AttributeValue> item(String jobId) {
        return items.get(jobId);
    }

    @Override
    public Page listByUser(String userId, JobStatus status, int limit, Position after, Instant now) {
        // the byUser index: by createdAt as stored, then the key
        Comparator<Position> newestFirst = Comparator.comparing(Position::createdAt)
                .thenComparing(Position::jobId).reversed();
        List<Map.Entry<Position, JobRecord>> mine = items.values().stream()
                .filter(item -> item.containsKey(JobItemMapper.USER_ID) && item.containsKey(JobItemMapper.CREATED_AT))
                .filter(item -> userId.equals(item.get(JobItemMapper.USER_ID).s()))
                .map(item -> Map.entry(new Position(item.get(JobItemMapper.CREATED_AT).s(),
                        item.get(JobItemMapper.JOB_ID).s()), JobItemMapper.fromItem(item)))
                .filter(e -> !e.getValue().isExpired(now))
                .filter(e -> status == null || e.getValue().status() == status)
                .sorted(Map.Entry.comparingByKey(newestFirst))
                .filter(e -> after == null || newestFirst.compare(e.getKey(), after) > 0)
                .toList();
        List<Map.Entry<Position, JobRecord>> page = mine.subList(0, Math.min(limit, mine.size()));
        return new Page(page.stream().map(Map.Entry::getValue).toList(),
                mine.size() > limit ? page.getLast().getKey() : null);
    }

    /** Every stored job, for assertions. */
    public Map<String, JobRecord> all() {
        return items.keySet().stream().collect(Collectors.toUnmodifiableMap(id -> id, id -> find(id).orElseThrow()));
    }
}
