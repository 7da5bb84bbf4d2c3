package com.jobstatus.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Serves the test pages in {@code src/test/resources/browser/} on a free loopback port, as a web app's origin:
 * {@code http://HOST:PORT}, where the host is the name the browser is given ({@code localhost} and
 * {@code 127.0.0.1} reach the same server but are different origins to a browser).
 */
final class PageServer implements AutoCloseable {

    private static final String PAGES = "/browser/";

    private final HttpServer server;
    private final String host;

    private PageServer(HttpServer server, String host) {
        this.server = server;
        this.host = host;
    }

    /** @param host how the browser names this server: {@code localhost} or {@code 127.0.0.1} */
    static PageServer start(String host) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
            server.createContext("/", PageServer::serve);
            server.start();
            return new PageServer(server, host);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The origin a page served from here has, e.g. {@code http://localhost:41234}. */
    String origin() {
        return "http://" + host + ":" + server.getAddress().getPort();
    }

    /** The address of a page, e.g. {@code user-app.html}. */
    String url(String page) {
        return origin() + "/" + page;
    }

    private static void serve(HttpExchange exchange) throws IOException {
        String name = exchange.getRequestURI().getPath().substring(1);
        try (exchange; InputStream page = name.matches("[A-Za-z0-9-]+\\.html")
                ? PageServer.class.getResourceAsStream(PAGES + name) : null) {
            if (page == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = page.readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
