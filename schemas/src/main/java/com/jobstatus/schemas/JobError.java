package com.jobstatus.schemas;

/** Why a job failed, in words safe to show to its owner. */
public record JobError(String code, String message) {

    /** The contract's bounds ({@code error.code}, {@code error.message} in the job and event schemas). */
    public static final int MAX_CODE = 64;
    public static final int MAX_MESSAGE = 1024;

    /** An error from what others wrote, each part cut to the contract's bound ({@link Texts#cut}). */
    public static JobError within(String code, String message) {
        return new JobError(Texts.cut(code, MAX_CODE), Texts.cut(message, MAX_MESSAGE));
    }
}
