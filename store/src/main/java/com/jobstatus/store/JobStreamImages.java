package com.jobstatus.store;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A job from the Jobs table's stream: the item image a stream record carries ({@code dynamodb.NewImage} in
 * Lambda's event), read by the same mapper as a {@code GetItem}, so an item that reads as a job through the API
 * reads as the same job here, whoever wrote it.
 */
public final class JobStreamImages {

    private JobStreamImages() {
    }

    /** The image a stream record carries for this job as the store writes it: for priming and tests. */
    public static JsonNode imageOf(JobRecord job) {
        return AttributeJson.toJson(JobItemMapper.toItem(job));
    }

    /** @throws IllegalArgumentException when the image is not a job, saying why */
    public static JobRecord job(JsonNode image) {
        try {
            return JobItemMapper.fromItem(AttributeJson.fromJson(image));
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            // the mapper assumes what it writes; another writer's item may lack what it assumes
            throw new IllegalArgumentException("not a job the store can read: " + e, e);
        }
    }
}
