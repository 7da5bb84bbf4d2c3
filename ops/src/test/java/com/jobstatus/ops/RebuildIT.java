package com.jobstatus.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jobstatus.localaws.MotoExtension;
import com.jobstatus.localaws.MotoServer;
import com.jobstatus.projector.ProjectorHandler;
import com.jobstatus.runtime.AwsClients;
import com.jobstatus.runtime.AwsSettings;
import com.jobstatus.store.DynamoFaults;
import com.jobstatus.store.JobsTable;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@code jobs-ops rebuild} against moto's DynamoDB: the events of a normal run (the real ProjectorFn handler,
 * events delivered in any order and some twice, into table A) rebuilt from a file into a shadow table B make
 * the same table, but for the optimistic-concurrency version.
 */
@ExtendWith(MotoExtension.class)
class RebuildIT {

    private static final String REGION = "us-east-1";

    @TempDir
    Path dir;

    private final MotoServer moto;
    private final DynamoDbClient dynamo;
    private final String tableA = "Jobs-normal-" + UUID.randomUUID();
    private final String tableB = "Jobs-shadow-" + UUID.randomUUID();
    private final ProjectorHandler handler;

    RebuildIT(MotoServer moto) {
        this.moto = moto;
        AwsSettings aws = AwsSettings.local(moto.endpoint(), REGION);
        dynamo = AwsClients.dynamo(aws);
        JobsTable.create(dynamo, tableA);
        try (SqsClient sqs = AwsClients.configure(SqsClient.builder(), aws).build()) {
            handler = Lifecycles.projector(moto, tableA,
                    sqs.createQueue(b -> b.queueName("failures-" + UUID.randomUUID())).queueUrl());
        }
    }

    @Test
    void aRebuildFromTheEventsOfANormalRunMakesTheSameTable() {
        List<String> lines = new ArrayList<>(Lifecycles.lifecycles("job-", 8, recently(), 31));
        ObjectNode foreign = (ObjectNode) Lifecycles.json(lines.get(3));
        foreign.put("source", "jobs.unknown").put("id", UUID.randomUUID().toString());
        lines.add(10, foreign.toString());
        Random random = new Random(5);
        List<String> deliveries = new ArrayList<>(lines);
        for (int i = 0; i < 12; i++) {
            deliveries.add(lines.get(random.nextInt(lines.size()))); // at least once: some twice
        }
        Collections.shuffle(deliveries, random);
        deliveries.forEach(event -> Lifecycles.deliver(handler, event));

        Cli.Run run = rebuild(s -> s, Lifecycles.write(dir.resolve("events.jsonl"), lines), "--shadow-table", tableB);

        assertEquals(1, run.exitCode(), run.toString());
        List<String> report = run.lines();
        assertEquals("created shadow table " + tableB, report.get(0));
        assertEquals("line 11: rejected: source 'jobs.unknown' is not one of the allowed sources [jobs.fal-invoker, "
                + "video.generation, contentcraft.jobsubmitter]",
                report.get(1));
        assertTrue(report.get(2).startsWith("rebuild of table " + tableB + " from " + lines.size() + " events: "),
                report.get(2));
        assertTrue(report.get(2).endsWith(" stale, 1 rejected"), report.get(2));
        Map<String, Map<String, AttributeValue>> normal = withoutVersions(tableA);
        assertEquals(8, normal.size());
        assertEquals(normal, withoutVersions(tableB));
    }

    @Test
    void anUnreadableTimestampIsRejectedWithItsReasonAndTheRebuildGoesOn() {
        List<String> lines = new ArrayList<>(Lifecycles.lifecycles("job-", 2, recently(), 34));
        ObjectNode python = (ObjectNode) Lifecycles.json(lines.get(1));
        String occurredAt = python.get("detail").get("occurredAt").asText();
        ((ObjectNode) python.get("detail")).put("occurredAt", occurredAt.replace('T', ' '));
        lines.set(1, python.toString());

        Cli.Run run = rebuild(s -> s, Lifecycles.write(dir.resolve("events.jsonl"), lines), "--shadow-table", tableB);

        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.lines().get(1).startsWith("line 2: rejected: occurredAt has a space between date and time"),
                run.toString());
        assertTrue(run.lines().get(2).endsWith(" stale, 1 rejected"), "not stopped at line 2: " + run);
        assertEquals(2, items(tableB).size());
    }

    @Test
    void aSecondRebuildChangesNothingAndAShadowTableMustBeNew() {
        Path file = Lifecycles.write(dir.resolve("events.jsonl"), Lifecycles.lifecycles("job-", 3, recently(), 32));
        assertEquals(0, rebuild(s -> s, file, "--shadow-table", tableB).exitCode());
        Map<String, Map<String, AttributeValue>> first = items(tableB);

        Cli.Run again = rebuild(s -> s, file, "--table", tableB);

        assertEquals(0, again.exitCode(), again.toString());
        assertEquals(List.of("rebuild of table " + tableB + " from 21 events: 0 applied, 21 stale, 0 rejected"),
                again.lines());
        assertEquals(first, items(tableB), "versions included: nothing was written");

        Cli.Run exists = rebuild(s -> s, file, "--shadow-table", tableB);
        assertEquals(2, exists.exitCode(), exists.toString());
        assertTrue(exists.err().contains("exists already"), exists.err());
    }

    @Test
    void aTableThatKeepsFailingStopsTheRebuildAtTheLineItFailedOn() {
        JobsTable.create(dynamo, tableB);
        Path file = Lifecycles.write(dir.resolve("events.jsonl"), Lifecycles.lifecycles("job-", 1, recently(), 33));
        DynamoFaults faults = new DynamoFaults(Set.of("GetItem", "UpdateItem"), 1.0, 1);

        Cli.Run run = rebuild(s -> s.withInterceptor(faults), file, "--table", tableB, "--max-attempts", "2");

        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.lines().getFirst().startsWith("line 1: stopped after 2 attempts: UpdateItem failed"),
                run.lines().getFirst());
        assertTrue(run.lines().getFirst()
                .endsWith("(the lines before it are applied; running the file again is safe)"), run.toString());
        assertTrue(items(tableB).isEmpty());
    }

    private Cli.Run rebuild(java.util.function.UnaryOperator<AwsSettings> hook, Path file, String... more) {
        List<String> args = new ArrayList<>(List.of("rebuild", file.toString(),
                "--endpoint", moto.endpoint().toString(), "--region", REGION));
        args.addAll(List.of(more));
        return Cli.run(hook, args.toArray(String[]::new));
    }


    private Map<String, Map<String, AttributeValue>> items(String table) {
        Map<String, Map<String, AttributeValue>> items = new HashMap<>();
        dynamo.scanPaginator(b -> b.tableName(table).consistentRead(true)).items()
                .forEach(item -> items.put(item.get(JobsTable.KEY).s(), item));
        return items;
    }

    private Map<String, Map<String, AttributeValue>> withoutVersions(String table) {
        Map<String, Map<String, AttributeValue>> items = new HashMap<>();
        items(table).forEach((id, item) -> {
            Map<String, AttributeValue> copy = new HashMap<>(item);
            copy.remove("version");
            items.put(id, copy);
        });
        return items;
    }

    private static Instant recently() {
        return Instant.now().minus(3, ChronoUnit.HOURS);
    }
}
