package com.jobstatus.schemas;

/** The codes of the Read API's error body ({@code error.schema.json}), with their HTTP status. */
public enum ErrorCode {
    BAD_REQUEST(400),
    UNAUTHORIZED(401),
    NOT_FOUND(404),
    THROTTLED(503),
    INTERNAL(500);

    private final int httpStatus;

    ErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
