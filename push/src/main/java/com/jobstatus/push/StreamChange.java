package com.jobstatus.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.jobstatus.store.JobRecord;
import com.jobstatus.store.JobStreamImages;

/**
 * One record of the Jobs table's stream, read: where it stands in its shard and what it says of the item, as plain
 * values. The reading ({@link #read}) is part of the handler's translation; {@link Pusher} sees only the result.
 *
 * @param sequenceNumber the record's position in its shard; what a batch failure names to be retried from
 */
public record StreamChange(String sequenceNumber, Item item) {

    /** What the record says of the item. */
    public sealed interface Item permits Written, Removed, Unreadable {
    }

    /** An {@code INSERT} or {@code MODIFY}: the job as it is stored now, whoever wrote it. */
    public record Written(JobRecord job) implements Item {
    }

    /** A {@code REMOVE} (a delete, e.g. by TTL), or a record without the item: nothing to tell anyone. */
    public record Removed() implements Item {
    }

    /**
     * An item written that does not read as a job: nobody can be told about it.
     *
     * @param jobId its {@code jobId} if it has a string one, else null
     */
    public record Unreadable(String jobId, String reason) implements Item {
    }

    /**
     * @param eventName {@code INSERT}, {@code MODIFY} or {@code REMOVE}
     * @param newImage  the item after the change as DynamoDB JSON ({@code dynamodb.NewImage}); null for {@code REMOVE}
     */
    public static StreamChange read(String sequenceNumber, String eventName, JsonNode newImage) {
        if (!("INSERT".equals(eventName) || "MODIFY".equals(eventName)) || newImage == null) {
            return new StreamChange(sequenceNumber, new Removed());
        }
        try {
            // the same reading as GET's, so an item reads as the same job here and through the API
            return new StreamChange(sequenceNumber, new Written(JobStreamImages.job(newImage)));
        } catch (IllegalArgumentException e) {
            return new StreamChange(sequenceNumber,
                    new Unreadable(newImage.path("jobId").path("S").asText(null), e.getMessage()));
        }
    }
}
