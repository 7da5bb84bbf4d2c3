package com.jobstatus.schemas;

/** Why a job failed, in words safe to show to its owner. */
public record JobError(String code, String message) {
}
