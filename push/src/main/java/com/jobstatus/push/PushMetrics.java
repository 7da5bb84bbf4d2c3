package com.jobstatus.push;

/** What PushFn counts (namespace {@code JobStatus}); the names are the ones the template's alarms watch. */
public interface PushMetrics {

    String SENT = "MessagesSent";
    String GONE = "ConnectionsGone";
    String SEND_FAILURES = "SendFailures";
    String UNREADABLE = "UnreadableItems";

    void sent();

    void gone();

    /** A message a connection did not get for a reason retrying cannot change (refused by API Gateway). */
    void sendFailed();

    /** An item of the Jobs table that does not read as a job: nobody can be told about it. */
    void unreadable();
}
