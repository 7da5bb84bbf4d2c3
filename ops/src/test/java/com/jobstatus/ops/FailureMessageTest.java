package com.jobstatus.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.jobstatus.schemas.ExampleEvents;
import com.jobstatus.schemas.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The three shapes of failure-queue message, and the event inside each. */
class FailureMessageTest {

    private static final String EVENT = ExampleEvents.read(ExampleEvents.valid("queued"));
    private static final String RESPONSE =
            ",\"responsePayload\":{\"errorType\":\"StoreException\",\"errorMessage\":\"GetItem failed: throttled\"}";

    @Test
    void aProjectorRejectionIsTheEventAsItArrivedWithItsReasonInAttributes() {
        FailureMessage message = FailureMessage.of(EVENT, Map.of("reason", "source 'x' is not allowed",
                "rule", "source.allowed", "rejectedBy", "ProjectorFn-dev"));

        assertEquals(FailureMessage.Shape.REJECTED, message.shape());
        assertEquals(EVENT, message.event());
        assertEquals("source 'x' is not allowed", message.failedBecause());
    }

    @Test
    void aRejectionWhoseEventSqsCouldNotCarryAsItIsIsDecodedBackToTheEvent() {
        String raw = EVENT.replace("job-7f3a9c", "job-\uFFFF") + "\u0000";

        FailureMessage message = FailureMessage.of(Json.MAPPER.getNodeFactory().textNode(raw).toString(),
                Map.of("reason", "the event is not valid JSON", "bodyEncoding", "json-string"));

        assertEquals(FailureMessage.Shape.REJECTED, message.shape());
        assertEquals(raw, message.event());
    }

    @Test
    void aRuleDeadLetterIsTheEventWithEventBridgesErrorAttributes() {
        FailureMessage message = FailureMessage.of(EVENT, Map.of("ERROR_CODE", "SDK_CLIENT_ERROR",
                "ERROR_MESSAGE", "Unable to invoke Lambda", "RULE_ARN", "arn:aws:events:...:rule/job-events/x"));

        assertEquals(FailureMessage.Shape.DEAD_LETTER, message.shape());
        assertEquals(EVENT, message.event());
        assertEquals("SDK_CLIENT_ERROR: Unable to invoke Lambda", message.failedBecause());
    }

    @Test
    void aLambdaOnFailureRecordCarriesTheEventAsItsRequestPayload() throws Exception {
        String record = "{\"version\":\"1.0\",\"timestamp\":\"2024-06-25T12:05:00.000Z\","
                + "\"requestContext\":{\"requestId\":\"r-1\","
                + "\"functionArn\":\"arn:aws:lambda:...:ProjectorFn-dev:live\","
                + "\"condition\":\"RetriesExhausted\",\"approximateInvokeCount\":3},"
                + "\"requestPayload\":" + EVENT + ","
                + "\"responseContext\":{\"statusCode\":200,\"executedVersion\":\"3\",\"functionError\":\"Unhandled\"}"
                + RESPONSE + "}";

        FailureMessage message = FailureMessage.of(record, Map.of());

        assertEquals(FailureMessage.Shape.ASYNC_FAILURE, message.shape());
        assertEquals(Json.MAPPER.readTree(EVENT), Json.MAPPER.readTree(message.event()));
        assertEquals("StoreException: GetItem failed: throttled", message.failedBecause());

        FailureMessage expired = FailureMessage.of(
                record.replace(RESPONSE, "").replace("RetriesExhausted", "EventAgeExceeded"), Map.of());
        assertEquals("EventAgeExceeded", expired.failedBecause());
    }

    @Test
    void aBareEventOrSomethingNotJsonIsPassedOnAsItIs() {
        FailureMessage bare = FailureMessage.of(EVENT, Map.of());
        assertEquals(FailureMessage.Shape.EVENT, bare.shape());
        assertNull(bare.failedBecause());

        FailureMessage notJson = FailureMessage.of("{not json", Map.of("reason", "the event is not valid JSON"));
        assertEquals(FailureMessage.Shape.REJECTED, notJson.shape());
        assertEquals("{not json", notJson.event());
    }
}
