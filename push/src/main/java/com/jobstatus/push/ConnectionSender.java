package com.jobstatus.push;

/** Sends a message to one WebSocket connection: API Gateway's {@code @connections} API, or a test's fake. */
public interface ConnectionSender {

    enum Sent {
        /** API Gateway took the message for the connection. */
        DELIVERED,
        /** The connection is closed (410 Gone): forget it. */
        GONE
    }

    /**
     * @throws SendException when the message could not be handed over; {@link SendException#retryable()} says
     *                       whether a later attempt may succeed
     */
    Sent send(String connectionId, String message);

    /** The message was not handed over. */
    final class SendException extends RuntimeException {

        private final boolean retryable;

        public SendException(String message, boolean retryable, Throwable cause) {
            super(message, cause);
            this.retryable = retryable;
        }

        /** Throttled, a server error, a timeout: the batch is retried from this record. Otherwise: this connection is skipped. */
        public boolean retryable() {
            return retryable;
        }
    }
}
