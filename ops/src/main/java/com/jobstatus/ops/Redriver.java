package com.jobstatus.ops;

import com.jobstatus.projector.DirectProjector;
import com.jobstatus.projector.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * Moves the failure queue's events back through the projector, in process and against the table, with the
 * function's own code ({@link DirectProjector}). A message is deleted only once its event is applied or found
 * stale (the table has it or a later one, or it is too old to write); a still-invalid event stays where it is (the projector here does not send
 * it to the queue again, so it is never duplicated), and so does one the store keeps failing on. What stays
 * is made visible again when the run ends, for the alarm and the next look.
 *
 * <p>A dry run reads the table but writes nothing and deletes nothing: each message is reported with what a
 * real run would do with it. Receiving still counts as a receive on SQS; the failure queue has no redrive
 * policy, so that changes nothing.
 */
final class Redriver {

    enum Result {
        APPLIED("applied"),
        STALE("stale"),
        STILL_INVALID("still invalid"),
        NOT_APPLIED("not applied, the store kept failing");

        private final String label;

        Result(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /**
     * @param outcome null when the store kept failing
     * @param reason  why it is stale, why it is still invalid, or the store's failure
     */
    record Item(String messageId, FailureMessage message, Outcome outcome, Result result, String reason,
                boolean deleted) {
    }

    /**
     * @param dryRun         decide and report only
     * @param discardInvalid delete still-invalid messages too (only with their events saved to a file)
     * @param maxMessages    stop after this many messages
     * @param visibility     how long a received message stays hidden from other readers during the run
     */
    record Options(boolean dryRun, boolean discardInvalid, int maxMessages, Duration visibility, Duration receiveWait) {
    }

    private final SqsClient sqs;
    private final String queueUrl;
    private final DirectProjector projector;
    private final Backoff backoff;
    private final int maxAttempts;
    private final Options options;

    Redriver(SqsClient sqs, String queueUrl, DirectProjector projector, Backoff backoff, int maxAttempts,
             Options options) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.projector = projector;
        this.backoff = backoff;
        this.maxAttempts = maxAttempts;
        this.options = options;
    }

    /**
     * @param save receives the event of every message that is (in a dry run: would be) left in the queue, or
     *             that is discarded, before its message is deleted; null for none
     * @return every message handled, in the order received
     */
    List<Item> run(Consumer<FailureMessage> save, Consumer<Item> onItem) {
        List<Item> items = new ArrayList<>();
        Map<String, String> keep = new LinkedHashMap<>(); // message id -> receipt handle
        Set<String> seen = new HashSet<>();
        try {
            boolean roundAgain = false;
            while (!roundAgain && items.size() < options.maxMessages()) {
                int want = Math.min(10, options.maxMessages() - items.size());
                List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl)
                        .maxNumberOfMessages(want)
                        .waitTimeSeconds((int) options.receiveWait().toSeconds())
                        .visibilityTimeout((int) options.visibility().toSeconds())
                        .messageAttributeNames("All"))
                        .messages();
                if (messages.isEmpty()) {
                    break;
                }
                for (Message message : messages) {
                    if (!seen.add(message.messageId())) {
                        // the run outlasted the visibility timeout: what comes now was handled already
                        keep.put(message.messageId(), message.receiptHandle());
                        roundAgain = true;
                        continue;
                    }
                    Item item = handle(message, save);
                    if (!item.deleted()) {
                        keep.put(message.messageId(), message.receiptHandle());
                    }
                    items.add(item);
                    onItem.accept(item);
                }
            }
        } finally {
            showAgain(keep);
        }
        return items;
    }

    private Item handle(Message message, Consumer<FailureMessage> save) {
        FailureMessage failure = FailureMessage.of(message.body(), strings(message.messageAttributes()));
        Outcome outcome;
        try {
            outcome = backoff.retrying(maxAttempts, () -> projector.project(failure.event()));
        } catch (Backoff.GaveUp e) {
            saveIfGiven(save, failure);
            return new Item(message.messageId(), failure, null, Result.NOT_APPLIED, e.getMessage(), false);
        }
        Result result = switch (outcome.kind()) {
            case APPLIED -> Result.APPLIED;
            case STALE -> Result.STALE;
            case REJECTED -> Result.STILL_INVALID;
        };
        if (result == Result.STILL_INVALID) {
            saveIfGiven(save, failure); // before a discard can delete its message
        }
        boolean delete = !options.dryRun()
                && (result != Result.STILL_INVALID || options.discardInvalid());
        String reason = outcome.reason();
        boolean deleted = false;
        if (delete) {
            try {
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
                deleted = true;
            } catch (SdkException e) {
                // the event is applied; the message comes back and a later redrive finds it stale
                reason = (reason == null ? "" : reason + "; ") + "the message could not be deleted: "
                        + AwsErrors.describe(e);
            }
        }
        return new Item(message.messageId(), failure, outcome, result, reason, deleted);
    }

    private static void saveIfGiven(Consumer<FailureMessage> save, FailureMessage failure) {
        if (save != null) {
            save.accept(failure);
        }
    }

    /** Messages left in the queue become visible again now rather than when their visibility timeout ends. */
    private void showAgain(Map<String, String> keep) {
        List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
        for (String handle : keep.values()) {
            entries.add(ChangeMessageVisibilityBatchRequestEntry.builder()
                    .id(Integer.toString(entries.size())).receiptHandle(handle).visibilityTimeout(0).build());
        }
        for (int from = 0; from < entries.size(); from += 10) {
            List<ChangeMessageVisibilityBatchRequestEntry> batch =
                    entries.subList(from, Math.min(from + 10, entries.size()));
            try {
                sqs.changeMessageVisibilityBatch(b -> b.queueUrl(queueUrl).entries(batch));
            } catch (SdkException e) {
                // they become visible when the visibility timeout ends anyway; nothing is lost
            }
        }
    }

    private static Map<String, String> strings(Map<String, MessageAttributeValue> attributes) {
        Map<String, String> strings = new HashMap<>();
        attributes.forEach((name, value) -> {
            if (value.stringValue() != null) {
                strings.put(name, value.stringValue());
            }
        });
        return strings;
    }
}
