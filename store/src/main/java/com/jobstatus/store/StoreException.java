package com.jobstatus.store;

/**
 * The Jobs table could not do what was asked: throttled, unavailable, timed out, or refused. It carries
 * no SDK types so the domain can decide (retry, 503, 500) without knowing the SDK.
 */
public final class StoreException extends RuntimeException {

    private final boolean throttled;

    public StoreException(String message, boolean throttled, Throwable cause) {
        super(message, cause);
        this.throttled = throttled;
    }

    /** DynamoDB asked us to slow down (after the SDK's own retries): worth retrying later. */
    public boolean throttled() {
        return throttled;
    }
}
