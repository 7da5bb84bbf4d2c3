package com.jobstatus.push;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A fake {@code @connections} API: records what each connection got, in order; some connections are gone or failing. */
final class RecordingSender implements ConnectionSender {

    record Message(String connectionId, String body) {
    }

    final List<Message> sent = new ArrayList<>();
    final Set<String> gone = ConcurrentHashMap.newKeySet();
    /** connection id → retryable?; a send to it fails */
    final Map<String, Boolean> failing = new ConcurrentHashMap<>();

    @Override
    public synchronized Sent send(String connectionId, String message) {
        if (gone.contains(connectionId)) {
            return Sent.GONE;
        }
        if (failing.containsKey(connectionId)) {
            throw new SendException("fake failure", failing.get(connectionId), null);
        }
        sent.add(new Message(connectionId, message));
        return Sent.DELIVERED;
    }

    synchronized List<String> to(String connectionId) {
        return sent.stream().filter(m -> m.connectionId().equals(connectionId)).map(Message::body).toList();
    }
}
