package com.jobstatus.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.jobstatus.schemas.ExampleEvents;
import com.jobstatus.schemas.JobStatus;
import com.jobstatus.schemas.Json;
import com.jobstatus.store.JobRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The example stream batch (schemas/events/push/jobs-stream.json) read into plain changes, in stream order. */
class StreamBatchTest {

    @Test
    void theExampleBatchReadsAsTwoStoredStatesOfItsJobAndARemoval() throws Exception {
        List<StreamChange> changes = StreamBatch.changes(
                Json.MAPPER.readTree(ExampleEvents.read(ExampleEvents.push("jobs-stream"))));

        assertEquals(List.of("100000000000000000001", "100000000000000000002", "100000000000000000003"),
                changes.stream().map(StreamChange::sequenceNumber).toList());
        JobRecord queued = assertInstanceOf(StreamChange.Written.class, changes.get(0).item()).job();
        JobRecord processing = assertInstanceOf(StreamChange.Written.class, changes.get(1).item()).job();
        assertEquals(List.of("job-1", "7e726b59-838d-4b1a-8318-f24f14f0c4b5", JobStatus.QUEUED),
                List.of(queued.jobId(), queued.userId(), queued.status()));
        assertEquals(List.of(JobStatus.PROCESSING, 50), List.of(processing.status(), processing.progress()));
        assertInstanceOf(StreamChange.Removed.class, changes.get(2).item());
    }

    @Test
    void anItemThatIsNotAJobIsReadAsUnreadableWithItsIdAndWhy() throws Exception {
        StreamChange change = StreamChange.read("7", "MODIFY", Json.MAPPER.readTree("{\"jobId\":{\"N\":\"7\"}}"));
        StreamChange.Unreadable unreadable = assertInstanceOf(StreamChange.Unreadable.class, change.item());
        assertEquals(null, unreadable.jobId(), "a number is not a job id");
        assertEquals("not a Jobs table item: no string jobId", unreadable.reason());
    }
}
