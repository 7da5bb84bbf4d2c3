package com.jobstatus.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The platform's own job events (docs/DESIGN.md §3), accepted besides {@code Job Status Changed}: the one place
 * that maps each onto a {@code Job Status Changed} detail, which {@link EventContract} then checks like any other,
 * so a refusal still names its reason. The table of mappings is in docs/DESIGN.md §3.
 *
 * <ul>
 *   <li>{@code video.rendered} from {@code video.generation}: COMPLETED, {@code outputUrl} from {@code videoUrl},
 *       {@code outputUrl} or {@code result_url} (the first present);</li>
 *   <li>{@code video.failed} from {@code video.generation}: FAILED, error {@code RENDER_FAILED} with the message
 *       from {@code error} (a string, or an object's {@code message}) or {@code errorMessage}, cut to the
 *       contract's 1024 characters (a long stack trace must not leave the job PROCESSING forever);</li>
 *   <li>{@code video.job.submitted} from {@code contentcraft.jobsubmitter}: PROCESSING (the submitter hands the job
 *       to the video provider).</li>
 * </ul>
 * {@code occurredAt} is the detail's {@code timestamp} where it has one (read as {@link PlatformTimestamps}
 * reads the platform's times), else the envelope's {@code time}; {@code attempt} is 1.
 */
public final class PlatformEvents {

    public static final String VIDEO_GENERATION = "video.generation";
    public static final String JOB_SUBMITTER = "contentcraft.jobsubmitter";
    public static final String VIDEO_RENDERED = "video.rendered";
    public static final String VIDEO_FAILED = "video.failed";
    public static final String JOB_SUBMITTED = "video.job.submitted";
    /** The error code of a {@code video.failed}: the video generator sends only a message. */
    public static final String RENDER_FAILED = "RENDER_FAILED";
    static final String RENDER_FAILED_MESSAGE = "The video could not be rendered.";

    /** The source each platform detail-type comes from. */
    private static final Map<String, String> SOURCE_OF = Map.of(
            VIDEO_RENDERED, VIDEO_GENERATION,
            VIDEO_FAILED, VIDEO_GENERATION,
            JOB_SUBMITTED, JOB_SUBMITTER);

    /** The platform's detail-types, in the order the template's rule lists them after ours. */
    public static final List<String> DETAIL_TYPES = List.of(VIDEO_RENDERED, VIDEO_FAILED, JOB_SUBMITTED);
    /** Where the platform's events come from, in the order the template's EventSources default lists them after ours. */
    public static final List<String> SOURCES = List.of(VIDEO_GENERATION, JOB_SUBMITTER);

    private static final List<String> OUTPUT_URL_FIELDS = List.of("videoUrl", "outputUrl", "result_url");
    private static final List<String> ERROR_FIELDS = List.of("error", "errorMessage");

    private PlatformEvents() {
    }

    /** True for a detail-type of the platform's that this class maps. */
    public static boolean isPlatformType(String detailType) {
        return detailType != null && SOURCE_OF.containsKey(detailType);
    }

    /** A platform event as a {@code Job Status Changed} detail, or why it cannot be one. */
    sealed interface Mapping permits Mapped, Refused {
    }

    record Mapped(ObjectNode detail) implements Mapping {
    }

    record Refused(Violation violation) implements Mapping {
    }

    /**
     * The {@code Job Status Changed} detail a platform event means. The envelope's {@code detail} must be an
     * object and its {@code detail-type} one of {@link #DETAIL_TYPES}. Fields the contract checks (jobId, userId,
     * the URL) are copied as they are, for {@link EventContract} to judge.
     */
    static Mapping toJobStatusChanged(String detailType, JsonNode envelope) {
        String expectedSource = SOURCE_OF.get(detailType);
        JsonNode source = envelope.get("source");
        if (source == null || !expectedSource.equals(source.asText())) {
            return new Refused(new Violation("source", "pair", "detail-type '" + detailType + "' comes from source '"
                    + expectedSource + "', not " + (source == null ? "missing" : "'" + source.asText() + "'")));
        }
        JsonNode detail = envelope.get("detail");
        Instant occurredAt;
        if (detail.hasNonNull("timestamp")) {
            occurredAt = PlatformTimestamps.parse(detail.get("timestamp").asText());
            if (occurredAt == null) {
                return new Refused(new Violation("timestamp", "format", "timestamp '" + detail.get("timestamp").asText()
                        + "' of the " + detailType + " detail is not a timestamp"));
            }
        } else {
            occurredAt = envelope.hasNonNull("time")
                    ? Timestamps.parseWithOffset(envelope.get("time").asText()).orElse(null) : null;
            if (occurredAt == null) {
                return new Refused(new Violation("time", "format", "the " + detailType
                        + " event has no timestamp in its detail and no RFC 3339 time in its envelope"));
            }
        }
        ObjectNode mapped = Json.MAPPER.createObjectNode();
        copy(detail, "jobId", mapped);
        copy(detail, "userId", mapped);
        mapped.put("occurredAt", Timestamps.format(occurredAt)).put("attempt", 1);
        switch (detailType) {
            case VIDEO_RENDERED -> {
                mapped.put("status", JobStatus.COMPLETED.name());
                OUTPUT_URL_FIELDS.stream().filter(detail::hasNonNull).findFirst()
                        .ifPresent(field -> mapped.set("outputUrl", detail.get(field)));
            }
            case VIDEO_FAILED -> {
                mapped.put("status", JobStatus.FAILED.name());
                mapped.putObject("error").put("code", RENDER_FAILED).put("message", failureMessage(detail));
            }
            default -> mapped.put("status", JobStatus.PROCESSING.name());
        }
        return new Mapped(mapped);
    }

    private static String failureMessage(JsonNode detail) {
        for (String field : ERROR_FIELDS) {
            JsonNode value = detail.get(field);
            JsonNode message = value != null && value.isObject() ? value.get("message") : value;
            if (message != null && message.isTextual() && !message.asText().isBlank()) {
                String text = message.asText();
                return Texts.cut(text, JobError.MAX_MESSAGE);
            }
        }
        return RENDER_FAILED_MESSAGE;
    }

    private static void copy(JsonNode from, String field, ObjectNode to) {
        if (from.has(field)) {
            to.set(field, from.get(field));
        }
    }
}
