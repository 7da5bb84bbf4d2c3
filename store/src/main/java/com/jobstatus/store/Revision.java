package com.jobstatus.store;

import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * How a stored item was when it was read: every attribute the mapping reads, as it was stored (absent ones
 * absent). A conditional write expecting it succeeds only while each of them is unchanged, so any change by
 * any writer to something the merge depended on makes the write fail, and the caller reads and merges again:
 * optimistic concurrency that needs nothing from other writers (they keep no {@code version}). Anything
 * else another writer changes meanwhile could not have changed the merge, and the write leaves it alone.
 * Opaque outside the store.
 */
public final class Revision {

    private final Map<String, AttributeValue> attributes;

    Revision(Map<String, AttributeValue> attributes) {
        this.attributes = Map.copyOf(attributes);
    }

    /**
     * A revision no stored item has, so a write expecting it never succeeds: SnapStart priming runs the
     * conditional write without writing.
     */
    public static Revision never() {
        return new Revision(Map.of(JobItemMapper.VERSION, AttributeValue.fromN("-1")));
    }

    Map<String, AttributeValue> attributes() {
        return attributes;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Revision revision && attributes.equals(revision.attributes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(attributes);
    }

    /** Only the version: the attributes hold a user's data, which has no place in logs. */
    @Override
    public String toString() {
        AttributeValue version = attributes.get(JobItemMapper.VERSION);
        return "Revision[version=" + (version == null ? "none" : version.n()) + "]";
    }
}
