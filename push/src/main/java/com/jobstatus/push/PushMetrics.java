package com.jobstatus.push;

/** What PushFn counts (namespace {@code JobStatus}); the names are the ones the template's alarms watch. */
public interface PushMetrics {

    String RECORDS = "StreamRecords";
    String SENT = "MessagesSent";
    String GONE = "ConnectionsGone";
    String SEND_FAILURES = "SendFailures";
    String UNREADABLE = "UnreadableItems";

    /** Records in a batch, whatever became of them (also so that every invocation emits a metric line). */
    void records(int count);

    void sent();

    void gone();

    /** A message a connection did not get for a reason retrying cannot change (refused by API Gateway). */
    void sendFailed();

    /** An item of the Jobs table that does not read as a job: nobody can be told about it. */
    void unreadable();
}
