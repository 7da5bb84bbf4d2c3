package com.jobstatus.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * Publishes events with PutEvents until every one is accepted or given up on, and says which. PutEvents
 * fails in two ways: a whole request (throttled, 5xx, network), or single entries in an accepted request
 * (each result entry has an event id or an error code; {@code FailedEntryCount} counts the latter). Both
 * are sent again, in new requests, after an exponential backoff with jitter; an entry gives up after
 * {@code maxAttempts} tries or at once on an error that cannot pass on a retry (a malformed entry, no
 * permission). A request whose failure is permanent (no such bus, access denied) stops the run: every
 * other request would fail the same way.
 *
 * <p>At least once: a request that timed out may have been accepted, so a resend can publish an event
 * twice. The projection absorbs that (a duplicate changes nothing); losing an event it could not absorb.
 */
final class Publisher {

    /** One event to publish, and the line of the file it came from. */
    record Item(int line, PutEventsRequestEntry entry) {
    }

    record NotPublished(int line, int attempts, String reason) {
    }

    /** @param eventIds the event id EventBridge assigned, by line */
    record Report(Map<Integer, String> eventIds, List<NotPublished> notPublished) {
        boolean complete() {
            return notPublished.isEmpty();
        }
    }

    /** Entry error codes that fail again however often they are sent (API reference, PutEventsResultEntry). */
    static final Set<String> PERMANENT_ENTRY_ERRORS = Set.of("AccessDeniedException", "InvalidAccountIdException",
            "InvalidArgument", "MalformedDetail", "RedactionFailure", "NotAuthorizedForSourceException",
            "NotAuthorizedForDetailTypeException");

    private final EventBridgeClient events;
    private final Backoff backoff;
    private final int maxAttempts;

    Publisher(EventBridgeClient events, Backoff backoff, int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("at least one attempt, was " + maxAttempts);
        }
        this.events = events;
        this.backoff = backoff;
        this.maxAttempts = maxAttempts;
    }

    private record Pending(Item item, int size, String lastError) {
        Pending failed(String reason) {
            return new Pending(item, size, reason);
        }
    }

    Report publish(List<Item> items, Progress progress) {
        Map<Integer, String> published = new TreeMap<>();
        List<NotPublished> notPublished = new ArrayList<>();
        List<Pending> pending = new ArrayList<>();
        for (Item item : items) {
            int size = PutEventsEntries.size(item.entry());
            if (size >= PutEventsEntries.SIZE_LIMIT) {
                notPublished.add(new NotPublished(item.line(), 0, "the entry is " + size
                        + " bytes; a PutEvents request must stay below " + PutEventsEntries.SIZE_LIMIT));
                progress.advance();
            } else {
                pending.add(new Pending(item, size, null));
            }
        }
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            List<Pending> round = pending;
            if (attempt > 1) {
                backoff.pauseBefore(attempt - 1);
            }
            List<Pending> failed = new ArrayList<>();
            List<List<Integer>> batches = PutEventsEntries.batches(round.stream().map(Pending::size).toList());
            for (int b = 0; b < batches.size(); b++) {
                List<Pending> batch = batches.get(b).stream().map(round::get).toList();
                PutEventsResponse response;
                try {
                    response = events.putEvents(r -> r.entries(batch.stream().map(p -> p.item().entry()).toList()));
                } catch (SdkException e) {
                    if (AwsErrors.transientFailure(e)) {
                        batch.forEach(p -> failed.add(p.failed(AwsErrors.describe(e))));
                        continue;
                    }
                    List<Pending> unsent = new ArrayList<>(failed);
                    batches.subList(b, batches.size()).forEach(rest -> rest.forEach(i -> unsent.add(round.get(i))));
                    for (Pending p : unsent) {
                        notPublished.add(new NotPublished(p.item().line(), attempt, AwsErrors.describe(e)));
                        progress.advance();
                    }
                    return report(published, notPublished);
                }
                judge(batch, response, published, notPublished, failed, attempt, progress);
            }
            pending = new ArrayList<>();
            for (Pending p : failed) {
                if (attempt >= maxAttempts) {
                    notPublished.add(new NotPublished(p.item().line(), attempt, p.lastError()));
                    progress.advance();
                } else {
                    pending.add(p);
                }
            }
        }
        return report(published, notPublished);
    }

    /** Result entries are in the order of the request's entries (PutEvents API reference). */
    private static void judge(List<Pending> batch, PutEventsResponse response, Map<Integer, String> published,
                              List<NotPublished> notPublished, List<Pending> failed, int attempt,
                              Progress progress) {
        List<PutEventsResultEntry> results = response.entries();
        if (results.size() != batch.size()) {
            String reason = "PutEvents answered " + results.size() + " results for " + batch.size() + " entries";
            batch.forEach(p -> failed.add(p.failed(reason)));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            Pending p = batch.get(i);
            PutEventsResultEntry result = results.get(i);
            if (result.errorCode() == null && result.eventId() != null) {
                published.put(p.item().line(), result.eventId());
                progress.advance();
            } else if (PERMANENT_ENTRY_ERRORS.contains(result.errorCode())) {
                notPublished.add(new NotPublished(p.item().line(), attempt, describe(result)));
                progress.advance();
            } else {
                // ThrottlingException, InternalFailure, and codes we do not know: worth another try
                failed.add(p.failed(describe(result)));
            }
        }
    }

    private static Report report(Map<Integer, String> published, List<NotPublished> notPublished) {
        List<NotPublished> byLine = new ArrayList<>(notPublished);
        byLine.sort((a, b) -> Integer.compare(a.line(), b.line()));
        return new Report(published, byLine);
    }

    private static String describe(PutEventsResultEntry result) {
        return result.errorCode() == null ? "no event id in the result"
                : result.errorCode() + ": " + result.errorMessage();
    }
}
