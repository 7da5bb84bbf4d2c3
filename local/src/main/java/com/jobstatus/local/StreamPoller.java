package com.jobstatus.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jobstatus.schemas.Json;
import com.jobstatus.store.AttributeJson;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Lambda's event source mapping on the Jobs table's stream, emulated: reads the (moto) stream with
 * {@code GetShardIterator}/{@code GetRecords} four times a second, as Lambda polls a shard, keeps the records the
 * mapping's filters let through, and hands each batch to the real PushFn as Lambda's DynamoDB stream event. A
 * batch item failure is retried from the record it names; after the mapping's {@code MaximumRetryAttempts} the
 * batch's description goes to the on-failure queue, as Lambda's on-failure destination would receive it, and the
 * poller moves on. Not emulated: bisecting a failed batch, parallelization (one batch at a time, which keeps the
 * order the real mapping keeps per item), record age limits, a shard split (moto's stream has one shard).
 */
final class StreamPoller extends Poller {

    /** Lambda polls each shard of a DynamoDB stream four times per second. */
    static final Duration POLL_INTERVAL = Duration.ofMillis(250);

    private final DynamoDbStreamsClient streams;
    private final SqsClient sqs;
    private final String streamArn;
    private final LocalTemplate.StreamMapping mapping;
    private final String failureQueueUrl;
    private String iterator;
    private String shardId;

    StreamPoller(DynamoDbStreamsClient streams, SqsClient sqs, String streamArn, LocalTemplate.StreamMapping mapping,
                 RequestStreamHandler handler, String functionName, String failureQueueUrl, PrintStream log) {
        super("stream poller", "stream-" + functionName, streamArn, new LocalFunction(functionName, handler), log,
                Duration.ofSeconds(5));
        for (JsonNode filter : mapping.filters()) {
            checkPattern(filter);
        }
        this.streams = streams;
        this.sqs = sqs;
        this.streamArn = streamArn;
        this.mapping = mapping;
        this.failureQueueUrl = failureQueueUrl;
    }

    /** Takes the shard's iterator at the mapping's starting position now, then polls in the background. */
    StreamPoller start() {
        shardId = streams.describeStream(b -> b.streamArn(streamArn)).streamDescription().shards().getFirst().shardId();
        iterator = streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shardId)
                .shardIteratorType(mapping.startingPosition())).shardIterator();
        startPolling();
        return this;
    }

    @Override
    void poll() {
        GetRecordsResponse page = streams.getRecords(b -> b.shardIterator(iterator).limit(mapping.batchSize()));
        iterator = page.nextShardIterator();
        List<ObjectNode> batch = new ArrayList<>();
        for (Record record : page.records()) {
            if (isMotosKeyOnlyInsert(record)) {
                continue;
            }
            ObjectNode event = lambdaRecord(record, streamArn);
            if (mapping.filters().isEmpty() || mapping.filters().stream().anyMatch(f -> matches(f, event))) {
                batch.add(event);
            }
        }
        if (!batch.isEmpty()) {
            deliver(batch);
        }
        if (page.records().isEmpty()) {
            pause(POLL_INTERVAL);
        }
    }

    /**
     * moto writes an UpdateItem that creates an item as two INSERT records, the first with only the key in its new
     * image; DynamoDB writes one, with the whole item. The first is dropped, so PushFn gets what it gets on AWS
     * (it would read a bare key as another writer's item with no owner: nothing to push, but warnings in the log).
     */
    static boolean isMotosKeyOnlyInsert(Record record) {
        StreamRecord change = record.dynamodb();
        return "INSERT".equals(record.eventNameAsString()) && change != null && change.hasNewImage()
                && change.hasKeys() && change.newImage().keySet().equals(change.keys().keySet());
    }

    /** Invokes the function until the batch is handled, retrying from the failed record; then the failure queue. */
    private void deliver(List<ObjectNode> batch) {
        List<ObjectNode> pending = batch;
        for (int attempt = 1; running(); attempt++) {
            String failedAt;
            try {
                failedAt = invoke(pending);
            } catch (Exception e) {
                failedAt = sequenceNumber(pending.getFirst());
                log.println("stream poller: " + function.name() + " failed (" + e.getClass().getSimpleName() + ")");
            }
            if (failedAt == null) {
                return;
            }
            int from = indexOf(pending, failedAt);
            pending = pending.subList(from, pending.size());
            if (attempt > mapping.maximumRetryAttempts()) {
                log.println("stream poller: " + function.name() + " gave up on " + pending.size()
                        + " records after " + attempt + " attempts; their batch goes to the failure queue");
                sendToFailureQueue(pending, attempt);
                return;
            }
            pause(Duration.ofMillis(100L * attempt));
        }
    }

    /** @return the sequence number to retry from, or null when the function handled the whole batch */
    private String invoke(List<ObjectNode> batch) throws Exception {
        ObjectNode event = Json.MAPPER.createObjectNode();
        ArrayNode records = event.putArray("Records");
        batch.forEach(records::add);
        byte[] answer = function.invoke(event.toString());
        if (!mapping.reportBatchItemFailures()) {
            return null;
        }
        JsonNode failures = Json.MAPPER.readTree(answer).path("batchItemFailures");
        String first = null;
        for (JsonNode failure : failures) {
            String id = failure.path("itemIdentifier").asText(null);
            // as Lambda: the lowest sequence number named is where the retry starts
            if (id != null && (first == null || indexOf(batch, id) < indexOf(batch, first))) {
                first = id;
            }
        }
        return first;
    }

    private static int indexOf(List<ObjectNode> batch, String sequenceNumber) {
        for (int i = 0; i < batch.size(); i++) {
            if (sequenceNumber(batch.get(i)).equals(sequenceNumber)) {
                return i;
            }
        }
        // Lambda treats an identifier that is not in the batch as a failure of the whole batch
        return 0;
    }

    private static String sequenceNumber(JsonNode record) {
        return record.path("dynamodb").path("SequenceNumber").asText();
    }

    private void sendToFailureQueue(List<ObjectNode> pending, int attempts) {
        ObjectNode message = Json.MAPPER.createObjectNode().put("version", "1.0").put("timestamp", Instant.now().toString());
        message.putObject("requestContext").put("functionArn", "arn:aws:lambda:local:" + RestApiEvents.ACCOUNT_ID
                + ":function:" + function.name()).put("condition", "RetryAttemptsExhausted")
                .put("approximateInvokeCount", attempts);
        message.putObject("DDBStreamBatchInfo")
                .put("shardId", shardId)
                .put("startSequenceNumber", sequenceNumber(pending.getFirst()))
                .put("endSequenceNumber", sequenceNumber(pending.getLast()))
                .put("batchSize", pending.size())
                .put("streamArn", streamArn);
        try {
            sqs.sendMessage(b -> b.queueUrl(failureQueueUrl).messageBody(message.toString()));
        } catch (RuntimeException e) {
            log.println("stream poller: cannot write to the failure queue: " + e.getMessage());
        }
    }

    /** A stream record as Lambda puts it in the event: GetRecords' record plus the stream's ARN. */
    static ObjectNode lambdaRecord(Record record, String streamArn) {
        ObjectNode out = Json.MAPPER.createObjectNode()
                .put("eventID", record.eventID())
                .put("eventName", record.eventNameAsString())
                .put("eventVersion", record.eventVersion())
                .put("eventSource", record.eventSource())
                .put("awsRegion", record.awsRegion());
        StreamRecord change = record.dynamodb();
        ObjectNode dynamodb = out.putObject("dynamodb");
        if (change.approximateCreationDateTime() != null) {
            dynamodb.put("ApproximateCreationDateTime", change.approximateCreationDateTime().getEpochSecond());
        }
        dynamodb.set("Keys", AttributeJson.toJson(change.keys()));
        if (change.hasNewImage()) {
            dynamodb.set("NewImage", AttributeJson.toJson(change.newImage()));
        }
        if (change.hasOldImage()) {
            dynamodb.set("OldImage", AttributeJson.toJson(change.oldImage()));
        }
        dynamodb.put("SequenceNumber", change.sequenceNumber())
                .put("SizeBytes", change.sizeBytes())
                .put("StreamViewType", change.streamViewTypeAsString());
        if (record.userIdentity() != null) {
            out.putObject("userIdentity").put("type", record.userIdentity().type())
                    .put("principalId", record.userIdentity().principalId());
        }
        out.put("eventSourceARN", streamArn);
        return out;
    }

    /**
     * Lambda's event filtering for the patterns the template uses: each field either a list of exact values or a
     * nested pattern. Anything else fails at start, naming it, rather than filter differently from Lambda.
     */
    static boolean matches(JsonNode pattern, JsonNode record) {
        for (Map.Entry<String, JsonNode> field : pattern.properties()) {
            JsonNode value = record.path(field.getKey());
            JsonNode expected = field.getValue();
            if (expected.isObject()) {
                if (!matches(expected, value)) {
                    return false;
                }
            } else {
                boolean any = false;
                for (JsonNode option : expected) {
                    any |= value.isValueNode() && option.asText().equals(value.asText())
                            && option.isTextual() == value.isTextual();
                }
                if (!any) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void checkPattern(JsonNode pattern) {
        if (!pattern.isObject()) {
            throw new IllegalArgumentException("a filter pattern is a JSON object: " + pattern);
        }
        for (Map.Entry<String, JsonNode> field : pattern.properties()) {
            JsonNode value = field.getValue();
            if (value.isObject()) {
                checkPattern(value);
            } else if (!value.isArray() || !value.elements().hasNext()) {
                throw new IllegalArgumentException("the local stream poller cannot filter on " + field);
            } else {
                value.forEach(option -> {
                    if (!option.isValueNode()) {
                        throw new IllegalArgumentException("the local stream poller only filters on exact values, not "
                                + option + " (" + field.getKey() + ")");
                    }
                });
            }
        }
    }
}
