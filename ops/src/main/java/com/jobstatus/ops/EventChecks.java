package com.jobstatus.ops;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jobstatus.schemas.EventContract;
import java.util.ArrayList;
import java.util.List;

/**
 * The projector's event contract applied to lines of an event file ({@code validate}, and {@code publish}
 * before it sends anything). The one difference: a line without {@code id} is fine for publishing,
 * because EventBridge assigns the id, unless the caller requires ids (files meant for {@code rebuild},
 * whose projection orders events by their id).
 */
final class EventChecks {

    /** Stands in for the id EventBridge will assign, so the rest of the envelope is checked as delivered. */
    static final String ASSIGNED_ON_PUBLISH = "assigned-by-eventbridge";

    private final EventContract contract;

    EventChecks(EventContract contract) {
        this.contract = contract;
    }

    /** An invalid line, and why; prints as the line of the report. */
    record Problem(int line, String reason) {
        @Override
        public String toString() {
            return "line " + line + ": invalid: " + reason;
        }
    }

    /** The invalid lines of a file, in file order. */
    List<Problem> problems(List<EventFile.Line> lines, boolean idRequired, Progress progress) {
        List<Problem> problems = new ArrayList<>();
        for (EventFile.Line line : lines) {
            String problem = problem(line, idRequired);
            if (problem != null) {
                problems.add(new Problem(line.number(), problem));
            }
            progress.advance();
        }
        return problems;
    }

    /** Why the line is not a valid event, or null when it is one. */
    String problem(EventFile.Line line, boolean idRequired) {
        ObjectNode event;
        try {
            event = EventFile.event(line);
        } catch (EventFile.NotAnEvent e) {
            return e.getMessage();
        }
        if (!idRequired && !event.has("id")) {
            event = event.deepCopy().put("id", ASSIGNED_ON_PUBLISH);
        }
        return contract.check(event) instanceof EventContract.Invalid invalid ? invalid.reason() : null;
    }
}
