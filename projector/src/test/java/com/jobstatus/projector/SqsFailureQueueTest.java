package com.jobstatus.projector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jobstatus.schemas.Json;
import com.jobstatus.schemas.Texts;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * The failure queue's message, against an SQS that refuses what real SQS refuses: characters outside
 * {@code #x9 | #xA | #xD | #x20-#xD7FF | #xE000-#xFFFD | #x10000-#x10FFFF} in the body or a String
 * attribute (moto does not check them, so this fake does), and, for the fallback, messages with attributes.
 */
class SqsFailureQueueTest {

    private static final String QUEUE = "https://sqs.us-east-1.amazonaws.com/123456789012/JobStatusFailures-test";

    @Test
    void aJobIdWithAControlCharacterOrALoneSurrogateIsSentWithItMadeVisible() {
        FakeSqs sqs = new FakeSqs(request -> false);

        queue(sqs).send("{}", "jobId may contain only A-Z a-z 0-9 . _ : -", "jobId.pattern", "e-1", "job\u0001\uD800x");

        SendMessageRequest sent = sqs.accepted.getFirst();
        assertEquals("job\\u0001\\ud800x", sent.messageAttributes().get(SqsFailureQueue.ATTR_JOB_ID).stringValue());
        assertEquals("{}", sent.messageBody());
    }

    @Test
    void aReasonQuotingARawValueIsSentWithTheValueMadeVisible() {
        FakeSqs sqs = new FakeSqs(request -> false);

        queue(sqs).send("{}", "source 'jobs.\uFFFF\u0000' is not one of the allowed sources [jobs.fal-invoker]",
                "source.allowed", "e-1", null);

        assertEquals("source 'jobs.\\uffff\\u0000' is not one of the allowed sources [jobs.fal-invoker]",
                sqs.accepted.getFirst().messageAttributes().get(SqsFailureQueue.ATTR_REASON).stringValue());
    }

    @Test
    void aLongReasonIsCutBetweenCharactersNeverInsideASurrogatePair() {
        FakeSqs sqs = new FakeSqs(request -> false);
        String reason = "x".repeat(SqsFailureQueue.MAX_REASON_CHARS - 1) + "\uD83C\uDFAC and more";

        queue(sqs).send("{}", reason, "rule", "e-1", "job-1");

        String sent = sqs.accepted.getFirst().messageAttributes().get(SqsFailureQueue.ATTR_REASON).stringValue();
        assertEquals("x".repeat(SqsFailureQueue.MAX_REASON_CHARS - 1), sent);
    }

    @Test
    void aBodySqsWouldRefuseIsSentAsAJsonStringAndMarkedSoTheEventIsKeptExactly() throws Exception {
        FakeSqs sqs = new FakeSqs(request -> false);
        String raw = "{\"detail\":{\"jobId\":\"a\uFFFE\"}} \u0000 \uDC00";

        queue(sqs).send(raw, "the event is not valid JSON", "event.json", null, null);

        SendMessageRequest sent = sqs.accepted.getFirst();
        assertEquals(SqsFailureQueue.BODY_AS_JSON_STRING,
                sent.messageAttributes().get(SqsFailureQueue.ATTR_BODY_ENCODING).stringValue());
        assertTrue(sent.messageBody().chars().allMatch(c -> c >= 0x20 && c < 0x7F), sent.messageBody());
        assertEquals(raw, Json.MAPPER.readTree(sent.messageBody()).asText());
    }

    @Test
    void anAcceptableBodyIsSentExactlyAsItCameWithoutAnEncodingMark() {
        FakeSqs sqs = new FakeSqs(request -> false);
        String raw = "{\"detail\":{\"jobId\":\"é🎬\\u0000\"}}\t\n";

        queue(sqs).send(raw, "reason", "rule", "e-1", "job-1");

        assertEquals(raw, sqs.accepted.getFirst().messageBody());
        assertFalse(sqs.accepted.getFirst().messageAttributes().containsKey(SqsFailureQueue.ATTR_BODY_ENCODING));
    }

    @Test
    void whenSqsRefusesTheAttributesAnywayTheEventIsSentWithoutThem() {
        FakeSqs sqs = new FakeSqs(request -> !request.messageAttributes().isEmpty());

        queue(sqs).send("{\"id\":\"e-1\"}", "reason", "rule", "e-1", "job-1");

        assertEquals(1, sqs.refused());
        assertEquals("{\"id\":\"e-1\"}", sqs.accepted.getFirst().messageBody());
        assertTrue(sqs.accepted.getFirst().messageAttributes().isEmpty());
    }

    @Test
    void anEventSqsRefusesEvenWithoutAttributesFailsTheInvocationSoItIsRetriedNotLost() {
        FakeSqs sqs = new FakeSqs(request -> true);

        assertThrows(SqsException.class, () -> queue(sqs).send("{}", "reason", "rule", "e-1", "job-1"));
        assertEquals(2, sqs.refused());
    }

    @Test
    void throttlingIsNotARefusalOfTheContentAndIsNotRetriedWithoutAttributes() {
        FakeSqs sqs = new FakeSqs(request -> true, "ThrottlingException");

        assertThrows(SqsException.class, () -> queue(sqs).send("{}", "reason", "rule", "e-1", "job-1"));
        assertEquals(1, sqs.refused());
    }

    @Test
    void whatIsSentIsAlwaysAcceptableAndKeepsEveryAcceptableCharacter() {
        Random random = new Random(13);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) {
                text.append(switch (random.nextInt(5)) {
                    case 0 -> (char) random.nextInt(0x20);
                    case 1 -> (char) (0xD800 + random.nextInt(0x800));
                    case 2 -> (char) (0xFFFE + random.nextInt(2));
                    case 3 -> "\uD83C\uDFAC";
                    default -> (char) (0x20 + random.nextInt(0xD7E0));
                });
            }
            String value = text.toString();
            String clean = SqsText.clean(value);
            assertTrue(SqsText.isClean(clean), () -> "not clean: " + clean);
            if (SqsText.isClean(value)) {
                assertEquals(value, clean);
            }
            String cut = Texts.cut(clean, random.nextInt(20));
            assertTrue(clean.startsWith(cut) && SqsText.isClean(cut), () -> "cut badly: " + cut);
        }
    }

    private static SqsFailureQueue queue(SqsClient sqs) {
        return new SqsFailureQueue(sqs, QUEUE, "ProjectorFn-test");
    }

    /** Takes messages as SQS does, refusing what {@link SqsRefusals} refuses. */
    static final class FakeSqs implements SqsClient {
        final List<SendMessageRequest> accepted = new ArrayList<>();
        final SqsRefusals refusals;

        FakeSqs(Predicate<SendMessageRequest> refuse) {
            this(refuse, "InvalidParameterValue");
        }

        FakeSqs(Predicate<SendMessageRequest> refuse, String errorCode) {
            this.refusals = new SqsRefusals(refuse, errorCode);
        }

        int refused() {
            return refusals.refused();
        }

        @Override
        public SendMessageResponse sendMessage(SendMessageRequest request) {
            refusals.beforeExecution(() -> request, new ExecutionAttributes());
            accepted.add(request);
            return SendMessageResponse.builder().messageId("m-" + accepted.size()).build();
        }

        @Override
        public String serviceName() {
            return "sqs";
        }

        @Override
        public void close() {
        }
    }
}
