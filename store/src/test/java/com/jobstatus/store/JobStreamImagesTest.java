package com.jobstatus.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.jobstatus.schemas.JobError;
import com.jobstatus.schemas.JobStatus;
import com.jobstatus.schemas.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Stream images (DynamoDB JSON) read back as the jobs the store wrote. */
class JobStreamImagesTest {

    private static final Instant T = Instant.parse("2024-06-25T12:00:00.123Z");

    @Test
    void anImageOfAWrittenJobReadsAsThatJob() {
        for (JobRecord job : List.of(
                new JobRecord("job-1", "user-1", JobStatus.PROCESSING, 1, "k1", T, T.plusSeconds(5), 40, null, null,
                        T.getEpochSecond() + 86400, 3),
                new JobRecord("job-2", "user-2", JobStatus.FAILED, 2, "k2", T, T, null, new JobError("E", "it broke"),
                        null, T.getEpochSecond(), 1),
                new JobRecord("job-3", "user-1", JobStatus.COMPLETED, 1, "k3", T, T, null, null,
                        "https://videos.example.com/3.mp4", T.getEpochSecond(), 9))) {
            assertEquals(job, JobStreamImages.job(JobStreamImages.imageOf(job)).withVersion(job.version()));
        }
    }

    @Test
    void everyAttributeTypeSurvivesTheRoundTrip() {
        Map<String, AttributeValue> item = Map.of(
                "s", AttributeValue.fromS("text"),
                "n", AttributeValue.fromN("-12.5"),
                "b", AttributeValue.fromB(SdkBytes.fromUtf8String("bytes")),
                "bool", AttributeValue.fromBool(true),
                "null", AttributeValue.fromNul(true),
                "ss", AttributeValue.fromSs(List.of("a", "b")),
                "ns", AttributeValue.fromNs(List.of("1", "2")),
                "bs", AttributeValue.fromBs(List.of(SdkBytes.fromUtf8String("x"))),
                "m", AttributeValue.fromM(Map.of("inner", AttributeValue.fromS("v"))),
                "l", AttributeValue.fromL(List.of(AttributeValue.fromN("1"), AttributeValue.fromS("two"))));
        assertEquals(item, AttributeJson.fromJson(AttributeJson.toJson(item)));
    }

    @Test
    void anImageAnotherWriterWroteReadsAsGetReadsIt() throws Exception {
        // FalInvoker's J-02 seed; and an item with nothing but its key and owner
        for (String image : List.of("{\"jobId\":{\"S\":\"j\"},\"userId\":{\"S\":\"u\"},\"status\":{\"S\":\"routed\"},"
                        + "\"createdAt\":{\"S\":\"2024-06-25T12:00:00.123456+00:00\"}}",
                "{\"jobId\":{\"S\":\"j\"},\"userId\":{\"S\":\"u\"}}")) {
            JobRecord job = JobStreamImages.job(Json.MAPPER.readTree(image));
            assertEquals(JobItemMapper.fromItem(AttributeJson.fromJson(Json.MAPPER.readTree(image))), job, image);
            assertEquals("u", job.userId());
        }
        assertEquals(JobStatus.PROCESSING, JobStreamImages.job(Json.MAPPER.readTree("{\"jobId\":{\"S\":\"j\"},"
                + "\"userId\":{\"S\":\"u\"},\"status\":{\"S\":\"routed\"}}")).status());
    }

    @Test
    void anImageThatIsNotAnItemOfTheJobsTableFailsSayingSo() throws Exception {
        for (String image : List.of("{}", "[]", "{\"jobId\":\"plain\"}", "{\"jobId\":{\"X\":\"?\"}}",
                "{\"jobId\":{\"N\":\"1\"},\"userId\":{\"S\":\"u\"}}")) {
            assertThrows(IllegalArgumentException.class, () -> JobStreamImages.job(Json.MAPPER.readTree(image)), image);
        }
    }
}
