package com.jobstatus.local;

import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.eclipse.jetty.websocket.api.Session;

/**
 * The server side of one local WebSocket connection, handing its open and close to the WebSocket API emulation.
 * Public only because Jetty calls listeners through method handles from its own packages.
 */
public final class WebSocketEndpoint implements Session.Listener.AutoDemanding {

    private final Consumer<Session> opened;
    private final BiConsumer<Integer, String> closed;

    WebSocketEndpoint(Consumer<Session> opened, BiConsumer<Integer, String> closed) {
        this.opened = opened;
        this.closed = closed;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        opened.accept(session);
    }

    @Override
    public void onWebSocketText(String message) {
        // $default: a mock integration without a route response. Nothing is invoked, nothing answered.
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        closed.accept(statusCode, reason);
    }
}
