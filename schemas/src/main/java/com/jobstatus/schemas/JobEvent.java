package com.jobstatus.schemas;

/**
 * A valid job lifecycle event: the EventBridge envelope fields the projection needs and its detail.
 * {@code id} is EventBridge's event id; it breaks ties between events that are otherwise equal and is the
 * same on every delivery and replay of one published event.
 */
public record JobEvent(String id, String source, JobStatusChanged detail) {
}
