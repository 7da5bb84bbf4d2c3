package com.jobstatus.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.jobstatus.projector.DirectProjector;
import com.jobstatus.runtime.AwsClients;
import com.jobstatus.runtime.AwsSettings;
import com.jobstatus.schemas.Json;
import com.jobstatus.store.DynamoJobRepository;
import com.jobstatus.store.JobRepository;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

@Command(name = "redrive", sortOptions = false,
        description = {"Moves the failure queue's events back through the projector.",
                "In process: the projector's own code against the table. Deletes a message once its event "
                        + "is applied or stale (the table has it or a later one, or it is too old to write); leaves still-invalid ones (and ones the table keeps "
                        + "failing on) in the queue, without duplicating them. Handles the queue's three kinds of "
                        + "message: projector rejections, the rule's dead letters, Lambda on-failure records. "
                        + "Prints one line per message, then the counts; exit 1 if anything stays in the queue."})
final class RedriveCommand extends OpsCommand.WithAws {

    @Option(names = "--dry-run",
            description = "Inspect: report what a redrive would do with each message; write nothing, delete nothing.")
    boolean dryRun;

    @Option(names = "--save", paramLabel = "FILE.jsonl",
            description = "Write the events left in the queue (with --dry-run: that would be) to this file, "
                    + "one per line (the format validate and publish read).")
    Path save;

    @Option(names = "--discard-invalid",
            description = "Delete still-invalid messages too, once their events are in the --save file "
                    + "(after a fix was published).")
    boolean discardInvalid;

    @Option(names = "--queue", paramLabel = "NAME|URL",
            description = "Failure queue. Default: the stage's, from template.yaml.")
    String queue;

    @Option(names = "--table", description = "Jobs table. Default: the stage's.")
    String table;

    @Mixin
    ProjectionOptions projection;

    @Option(names = "--max-messages", defaultValue = "100000",
            description = "Stop after this many messages (default: ${DEFAULT-VALUE}).")
    int maxMessages;

    @Option(names = "--visibility", defaultValue = "PT10M", paramLabel = "DURATION",
            description = "How long received messages stay hidden during the run (default "
                    + "${DEFAULT-VALUE}); what stays is shown again at the end.")
    Duration visibility;

    @Option(names = "--max-attempts", defaultValue = "5",
            description = "Tries per event while the table fails, before leaving its message (default: "
                    + "${DEFAULT-VALUE}).")
    int maxAttempts;

    @Override
    public Integer call() throws IOException {
        if (discardInvalid && save == null) {
            throw new ParameterException(spec.commandLine(),
                    "--discard-invalid deletes events nothing else holds: name a --save file for them");
        }
        PrintWriter out = out();
        AwsSettings settings = awsSettings();
        try (SqsClient sqs = AwsClients.configure(SqsClient.builder(), settings).build();
             DynamoDbClient dynamo = AwsClients.dynamo(settings);
             BufferedWriter saved = save == null ? null : Files.newBufferedWriter(save, StandardCharsets.UTF_8)) {
            String queueName = stack.pick(queue, StackNames::failureQueue);
            String queueUrl = queueName.contains("://") ? queueName
                    : sqs.getQueueUrl(b -> b.queueName(queueName)).queueUrl();
            JobRepository repository = new DynamoJobRepository(dynamo, stack.pick(table, StackNames::table));
            DirectProjector projector =
                    projection.projector(dryRun ? new DryRunRepository(repository) : repository, stack);
            Redriver redriver = new Redriver(sqs, queueUrl, projector, Backoff.standard(), maxAttempts,
                    new Redriver.Options(dryRun, discardInvalid, maxMessages, visibility, Duration.ofSeconds(1)));
            long estimate = Long.parseLong(sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                    .getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0"));
            List<Redriver.Item> items;
            try (Progress progress = progress(dryRun ? "inspect" : "redrive", estimate)) {
                items = redriver.run(saved == null ? null : saver(saved), item -> {
                    progress.report(out, describe(item));
                    progress.advance();
                });
            }
            out.println(summary(queueUrl, items));
            out.flush();
            return items.stream().allMatch(i -> i.deleted() || dryRun && wouldDelete(i)) ? 0 : 1;
        }
    }

    private boolean wouldDelete(Redriver.Item item) {
        return item.result() == Redriver.Result.APPLIED || item.result() == Redriver.Result.STALE;
    }

    private String describe(Redriver.Item item) {
        FailureMessage message = item.message();
        StringBuilder line = new StringBuilder("message ").append(item.messageId())
                .append(" [").append(message.shape());
        if (item.outcome() != null && item.outcome().eventId() != null) {
            line.append(", event ").append(item.outcome().eventId());
        }
        if (item.outcome() != null && item.outcome().jobId() != null) {
            line.append(", job ").append(item.outcome().jobId());
        }
        line.append("]: ").append(dryRun && item.result() == Redriver.Result.APPLIED ? "would apply" : item.result());
        if (item.reason() != null) {
            line.append(item.result() == Redriver.Result.STALE ? " (" + item.reason() + ")" : ": " + item.reason());
        }
        line.append(item.deleted() ? "; deleted" : dryRun ? (wouldDelete(item) ? "; would delete" : "; would stay")
                : "; stays in the queue");
        if (message.failedBecause() != null && !message.failedBecause().equals(item.reason())) {
            line.append(" | queued because: ").append(message.failedBecause());
        }
        return line.toString();
    }

    private String summary(String queueUrl, List<Redriver.Item> items) {
        Map<Redriver.Result, Long> counts = new EnumMap<>(Redriver.Result.class);
        for (Redriver.Result result : Redriver.Result.values()) {
            counts.put(result, items.stream().filter(i -> i.result() == result).count());
        }
        long deleted = items.stream().filter(Redriver.Item::deleted).count();
        return (dryRun ? "dry run of redrive from " : "redrive from ") + queueUrl + ": "
                + items.size() + (items.size() == 1 ? " message: " : " messages: ")
                + counts.get(Redriver.Result.APPLIED) + (dryRun ? " would apply, " : " applied, ")
                + counts.get(Redriver.Result.STALE) + " stale, "
                + counts.get(Redriver.Result.STILL_INVALID) + " still invalid, "
                + counts.get(Redriver.Result.NOT_APPLIED) + " not applied; "
                + (dryRun ? "nothing changed"
                        : deleted + " deleted, " + (items.size() - deleted) + " left in the queue");
    }

    /** One event per line: as JSON on one line, or, if it is not JSON at all, as a JSON string of it. */
    private static Consumer<FailureMessage> saver(BufferedWriter file) {
        return message -> {
            String line;
            try {
                line = EventFile.event(message.event()).toString();
            } catch (EventFile.NotAnEvent e) {
                try {
                    line = Json.MAPPER.writeValueAsString(message.event());
                } catch (JsonProcessingException impossible) {
                    throw new IllegalStateException(impossible);
                }
            }
            try {
                file.write(line);
                file.newLine();
                file.flush(); // on disk before the message can be deleted
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + e.getMessage(), e);
            }
        };
    }
}
