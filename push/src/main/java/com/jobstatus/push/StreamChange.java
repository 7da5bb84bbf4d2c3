package com.jobstatus.push;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One record of the Jobs table's stream, as Lambda hands it over: what happened to an item and the item after.
 *
 * @param sequenceNumber the record's position in its shard; what a batch failure names to be retried from
 * @param eventName      {@code INSERT}, {@code MODIFY} or {@code REMOVE} (a delete, e.g. by TTL)
 * @param newImage       the item after the change, as DynamoDB JSON; null for {@code REMOVE}
 */
public record StreamChange(String sequenceNumber, String eventName, JsonNode newImage) {

    boolean writesAnItem() {
        return ("INSERT".equals(eventName) || "MODIFY".equals(eventName)) && newImage != null;
    }
}
