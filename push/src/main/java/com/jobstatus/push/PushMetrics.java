package com.jobstatus.push;

import java.util.List;

/** What PushFn counts (namespace {@code JobStatus}); the names are the ones the template's alarms watch. */
public interface PushMetrics {

    String RECORDS = "StreamRecords";
    String SENT = "MessagesSent";
    String GONE = "ConnectionsGone";
    String SEND_FAILURES = "SendFailures";
    String UNREADABLE = "UnreadableItems";
    /** Every name PushFn emits: what the template's alarms may watch (a template test compares). */
    List<String> NAMES = List.of(RECORDS, SENT, GONE, SEND_FAILURES, UNREADABLE);

    /** Records in a batch, whatever became of them (also so that every invocation emits a metric line). */
    void records(int count);

    void sent();

    void gone();

    /** A message a connection did not get for a reason retrying cannot change (refused by API Gateway). */
    void sendFailed();

    /** An item of the Jobs table that does not read as a job: nobody can be told about it. */
    void unreadable();
}
