package com.jobstatus.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.path.NodePath;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Checks a {@code Job Status Changed} EventBridge event against the contract of docs/DESIGN.md §3:
 * the envelope (id, detail-type, source allow-list), the detail against {@code job-status-changed.schema.json},
 * and that {@code occurredAt} is not more than 15 minutes in the future. The platform's own events
 * ({@link PlatformEvents}) are mapped onto a {@code Job Status Changed} detail first and then checked the same
 * way. Build one per container: loading the schema is the expensive part, checking an event is cheap and
 * thread-safe.
 */
public final class EventContract {

    public static final String DETAIL_TYPE = "Job Status Changed";
    /** FalInvoker's source, the one that publishes {@code Job Status Changed}. */
    public static final String DEFAULT_SOURCE = "jobs.fal-invoker";
    /** The allow-list when none is configured: FalInvoker's, then the platform's (the template's default too). */
    public static final List<String> DEFAULT_SOURCES = Stream.concat(Stream.of(DEFAULT_SOURCE),
            PlatformEvents.SOURCES.stream()).toList();
    /** Every detail-type the projector takes, ours first (the template's rule lists the same). */
    public static final List<String> DETAIL_TYPES = Stream.concat(Stream.of(DETAIL_TYPE),
            PlatformEvents.DETAIL_TYPES.stream()).toList();
    /** Producer clocks drift; beyond this an event's time is a bug, not drift (docs/DESIGN.md §5). */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(15);

    private static final String OCCURRED_AT = "occurredAt";
    private static final Set<String> OCCURRED_AT_FORM = Set.of("format", "pattern");

    private final Schema detailSchema;
    private final Set<String> allowedSources;
    private final Clock clock;

    public EventContract(Set<String> allowedSources, Clock clock) {
        if (allowedSources.isEmpty()) {
            throw new IllegalArgumentException("the event source allow-list is empty");
        }
        // in the order given, so a refusal lists them as the deployment does
        this.allowedSources = Collections.unmodifiableSet(new LinkedHashSet<>(allowedSources));
        this.clock = clock;
        this.detailSchema = JsonSchemas.load(JsonSchemas.JOB_STATUS_CHANGED);
    }

    /** The outcome of a check: a valid event, or every reason it is not one. */
    public sealed interface Checked permits Valid, Invalid {
    }

    public record Valid(JobEvent event) implements Checked {
    }

    public record Invalid(List<Violation> violations) implements Checked {
        public Invalid {
            violations = List.copyOf(violations);
        }

        /** All reasons in one line, for logs and failure-queue messages. */
        public String reason() {
            return String.join("; ", violations.stream().map(Violation::toString).toList());
        }
    }

    public Checked check(JsonNode envelope) {
        if (envelope == null || !envelope.isObject()) {
            return new Invalid(List.of(new Violation("event", "type", "the event is not a JSON object")));
        }
        List<Violation> violations = new ArrayList<>();
        JsonNode id = envelope.get("id");
        if (id == null || !id.isTextual() || id.asText().isBlank()) {
            violations.add(new Violation("id", "required", "the EventBridge event id is missing"));
        }
        JsonNode detailType = envelope.get("detail-type");
        String type = detailType != null && detailType.isTextual() ? detailType.asText() : null;
        boolean platform = PlatformEvents.isPlatformType(type);
        if (!platform && !DETAIL_TYPE.equals(type)) {
            violations.add(new Violation("detail-type", "const", "detail-type must be '" + DETAIL_TYPE
                    + "' or one of the platform's " + PlatformEvents.DETAIL_TYPES + ", was " + describe(detailType)));
        }
        JsonNode source = envelope.get("source");
        if (source == null || !source.isTextual() || !allowedSources.contains(source.asText())) {
            violations.add(new Violation("source", "allowed",
                    "source " + describe(source) + " is not one of the allowed sources " + allowedSources));
        }
        JsonNode detail = envelope.get("detail");
        if (detail == null || !detail.isObject()) {
            violations.add(new Violation("detail", "type", "detail must be a JSON object"));
            return new Invalid(violations);
        }
        if (platform) {
            switch (PlatformEvents.toJobStatusChanged(type, envelope)) {
                case PlatformEvents.Refused refused -> {
                    violations.add(refused.violation());
                    return new Invalid(violations);
                }
                case PlatformEvents.Mapped mapped -> {
                    detail = mapped.detail();
                    for (Violation violation : validateDetail(detail)) {
                        violations.add(new Violation(violation.field(), violation.rule(),
                                type + " as Job Status Changed: " + violation.message()));
                    }
                }
            }
        } else {
            violations.addAll(validateDetail(detail));
        }
        if (!violations.isEmpty()) {
            return new Invalid(violations);
        }
        JobStatusChanged change = toModel(detail);
        Instant latest = clock.instant().plus(MAX_CLOCK_SKEW);
        if (change.occurredAt().isAfter(latest)) {
            return new Invalid(List.of(new Violation("occurredAt", "future",
                    "occurredAt " + detail.get("occurredAt").asText() + (platform ? " (the " + type + "'s time)" : "")
                    + " is more than "
                            + MAX_CLOCK_SKEW.toMinutes() + " minutes in the future")));
        }
        return new Valid(new JobEvent(id.asText(), source.asText(), change));
    }

    /** Schema violations of a detail object alone; empty when it follows the schema. */
    public List<Violation> validateDetail(JsonNode detail) {
        List<Error> errors = detailSchema.validate(detail);
        List<Violation> violations = new ArrayList<>(errors.size());
        boolean occurredAtExplained = false;
        for (Error error : errors) {
            Violation violation = toViolation(error, detail);
            if (OCCURRED_AT.equals(violation.field()) && OCCURRED_AT_FORM.contains(violation.rule())) {
                // format and pattern state one rule (Timestamps'): one violation, with the parser's own reason
                if (occurredAtExplained) {
                    continue;
                }
                occurredAtExplained = true;
                violation = new Violation(OCCURRED_AT, "format", OCCURRED_AT + " "
                        + Timestamps.problem(detail.get(OCCURRED_AT).asText()).orElse(violation.message()));
            }
            violations.add(violation);
        }
        return violations;
    }

    private static Violation toViolation(Error error, JsonNode detail) {
        String keyword = error.getKeyword();
        String field = dotted(error.getInstanceLocation());
        if ("required".equals(keyword)) {
            String property = error.getProperty();
            field = field.isEmpty() ? property : field + "." + property;
            return new Violation(field, "required", field + " is required");
        }
        if ("false".equals(keyword)) {
            return new Violation(field, "not-allowed", field + " is not allowed with status "
                    + detail.path("status").asText() + " (" + onlyWith(field) + ")");
        }
        // networknt prefixes its messages with the JSON path ("$.jobId: ..."); we name the field ourselves
        String message = error.getMessage();
        int colon = message.indexOf(": ");
        if (message.startsWith("$") && colon > 0) {
            message = message.substring(colon + 2);
        }
        String name = field.isEmpty() ? "detail" : field;
        return new Violation(name, keyword, name + " " + message);
    }

    private static String onlyWith(String field) {
        return switch (field) {
            case "progress" -> "only with PROCESSING";
            case "error" -> "only with FAILED";
            case "outputUrl" -> "only with COMPLETED";
            default -> "not allowed here";
        };
    }

    private static String dotted(NodePath path) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            if (!out.isEmpty()) {
                out.append('.');
            }
            out.append(path.getName(i));
        }
        return out.toString();
    }

    private static String describe(JsonNode node) {
        return node == null || node.isNull() ? "missing" : "'" + node.asText() + "'";
    }

    /** Maps a detail that {@link #validateDetail} accepted; unknown extra fields are ignored. */
    public static JobStatusChanged toModel(JsonNode detail) {
        JsonNode error = detail.get("error");
        return new JobStatusChanged(
                detail.get("jobId").asText(),
                detail.get("userId").asText(),
                JobStatus.parse(detail.get("status").asText()),
                Timestamps.parseWithOffset(detail.get(OCCURRED_AT).asText()).orElseThrow(() ->
                        new IllegalArgumentException("toModel takes a detail validateDetail accepted")),
                detail.has("attempt") ? detail.get("attempt").asInt() : 1,
                detail.has("progress") ? detail.get("progress").asInt() : null,
                error == null ? null : new JobError(error.get("code").asText(), error.get("message").asText()),
                detail.has("outputUrl") ? detail.get("outputUrl").asText() : null);
    }
}
