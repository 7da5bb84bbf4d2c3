package com.jobstatus.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A job from the Jobs table's stream: the item image a stream record carries ({@code dynamodb.NewImage} in
 * Lambda's event), read by the same mapper as a {@code GetItem} (other writers' items through
 * {@link ForeignItems}), so an item that reads as a job through the API reads as the same job here, whoever
 * wrote it.
 */
public final class JobStreamImages {

    private JobStreamImages() {
    }

    /** The image a stream record carries for this job as the store writes it: for priming and tests. */
    public static JsonNode imageOf(JobRecord job) {
        ItemUpdate write = JobItemMapper.write(job);
        Map<String, AttributeValue> item = new HashMap<>(write.set());
        item.put(JobItemMapper.JOB_ID, AttributeValue.fromS(job.jobId()));
        return AttributeJson.toJson(item);
    }

    /**
     * Every item with a job id reads as a job, as through {@code GET} (see {@link ForeignItems}).
     *
     * @throws IllegalArgumentException when the image is not an item with a job id, saying why
     */
    public static JobRecord job(JsonNode image) {
        Map<String, AttributeValue> item = AttributeJson.fromJson(image);
        AttributeValue jobId = item.get(JobItemMapper.JOB_ID);
        if (jobId == null || jobId.s() == null) {
            throw new IllegalArgumentException("not a Jobs table item: no string " + JobItemMapper.JOB_ID);
        }
        return JobItemMapper.fromItem(item);
    }
}
