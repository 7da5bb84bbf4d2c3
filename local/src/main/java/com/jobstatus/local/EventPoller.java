package com.jobstatus.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Lambda's asynchronous invocation, emulated: the rule puts each matching event on a queue, and this hands
 * each message to the real ProjectorFn handler as the EventBridge event it is. A handled event is deleted;
 * a failed one becomes visible again after a short back-off and is retried, and the queue's redrive policy
 * (max receives = 1 + the template's {@code MaximumRetryAttempts}) moves it to the failure queue after the
 * last attempt, as Lambda's on-failure destination would.
 */
final class EventPoller extends Poller {

    /** Long-poll wait: short, so that stopping the stack does not wait long for an idle poll. */
    private static final int WAIT_SECONDS = 1;

    private final SqsClient sqs;
    private final String queueUrl;
    private final int maxAttempts;

    EventPoller(SqsClient sqs, String queueUrl, RequestStreamHandler handler, String functionName, int maxAttempts,
                PrintStream log) {
        super("poller", "poller-" + functionName, queueUrl, new LocalFunction(functionName, handler), log,
                Duration.ofSeconds(WAIT_SECONDS + 5L));
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.maxAttempts = maxAttempts;
    }

    EventPoller start() {
        startPolling();
        return this;
    }

    @Override
    void poll() {
        List<DeleteMessageBatchRequestEntry> handled = new ArrayList<>();
        for (Message message : sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                .waitTimeSeconds(WAIT_SECONDS)
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages()) {
            if (deliver(message)) {
                handled.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(handled.size()))
                        .receiptHandle(message.receiptHandle()).build());
            }
        }
        if (!handled.isEmpty()) {
            // one acknowledgement per batch: moto (like SQS) costs a request per call
            sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(handled));
        }
    }

    /** @return true if the event was handled and may be deleted; false if it will come back for a retry */
    private boolean deliver(Message message) {
        int attempt = Integer.parseInt(message.attributes()
                .getOrDefault(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1"));
        try {
            function.invoke(message.body());
            return true;
        } catch (Exception e) {
            // Lambda retries a failed asynchronous invocation after a back-off (minutes there, seconds here)
            boolean last = attempt >= maxAttempts;
            log.println("poller: " + function.name() + " failed on attempt " + attempt + " of " + maxAttempts + " ("
                    + e.getClass().getSimpleName() + ")" + (last ? "; the event goes to the failure queue"
                    : "; retrying in " + attempt + " s"));
            sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle())
                    .visibilityTimeout(last ? 0 : attempt));
            return false;
        }
    }
}
