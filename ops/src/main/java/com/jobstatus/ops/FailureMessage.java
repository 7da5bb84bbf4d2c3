package com.jobstatus.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.jobstatus.projector.SqsFailureQueue;
import com.jobstatus.schemas.Json;
import java.util.Map;

/**
 * A message of the failure queue, in whichever of its three shapes, and the event inside it as the
 * projector would receive it.
 *
 * @param event         the event, exactly as EventBridge delivered it (or as it arrived, if not even JSON)
 * @param failedBecause why it is in the queue, as its sender recorded it; null if nothing was recorded
 */
record FailureMessage(Shape shape, String event, String failedBecause) {

    enum Shape {
        /** Refused by the projector: the body is the event, the reason is in its attributes. */
        REJECTED("rejected"),
        /** Not delivered by the rule after its retries: the body is the event, EventBridge adds ERROR_* attributes. */
        DEAD_LETTER("dead-letter"),
        /** Lambda's on-failure destination record: the event is its {@code requestPayload}. */
        ASYNC_FAILURE("async-failure"),
        /** A bare event with none of those marks (sent by hand, say). */
        EVENT("event");

        private final String label;

        Shape(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** EventBridge's dead-letter attributes (EventBridge User Guide, "Using dead-letter queues"). */
    static final String DLQ_ERROR_CODE = "ERROR_CODE";
    static final String DLQ_ERROR_MESSAGE = "ERROR_MESSAGE";

    /** @param attributes the message's string attributes */
    static FailureMessage of(String body, Map<String, String> attributes) {
        JsonNode record = asJson(body);
        if (record != null && record.path("requestContext").isObject() && record.has("requestPayload")) {
            JsonNode payload = record.get("requestPayload");
            JsonNode response = record.path("responsePayload");
            String because = response.has("errorType") || response.has("errorMessage")
                    ? response.path("errorType").asText("") + ": " + response.path("errorMessage").asText("")
                    : record.path("requestContext").path("condition").asText(null);
            return new FailureMessage(Shape.ASYNC_FAILURE, payload.isTextual() ? payload.asText() : payload.toString(),
                    because);
        }
        if (attributes.containsKey(SqsFailureQueue.ATTR_REJECTED_BY)
                || attributes.containsKey(SqsFailureQueue.ATTR_REASON)) {
            JsonNode encoded = SqsFailureQueue.BODY_AS_JSON_STRING.equals(
                    attributes.get(SqsFailureQueue.ATTR_BODY_ENCODING)) ? record : null;
            return new FailureMessage(Shape.REJECTED, encoded != null && encoded.isTextual() ? encoded.asText() : body,
                    attributes.get(SqsFailureQueue.ATTR_REASON));
        }
        if (attributes.containsKey(DLQ_ERROR_CODE)) {
            String message = attributes.get(DLQ_ERROR_MESSAGE);
            return new FailureMessage(Shape.DEAD_LETTER, body,
                    attributes.get(DLQ_ERROR_CODE) + (message == null ? "" : ": " + message));
        }
        return new FailureMessage(Shape.EVENT, body, null);
    }

    private static JsonNode asJson(String body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            return null; // an event that is not JSON: the projector refused it, and will again
        }
    }
}
