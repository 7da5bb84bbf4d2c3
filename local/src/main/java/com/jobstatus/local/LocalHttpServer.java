package com.jobstatus.local;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The local API's HTTP/1.1 server on a loopback port. Not the JDK's {@code com.sun.net.httpserver}: that one
 * answers a request it cannot parse (a malformed percent-escape, a bad header, an unsupported transfer coding)
 * itself, with an HTML page, before any handler runs, and closes the connection on oversized headers without
 * an answer. Here every request, parsed or not, gets the answer the caller's {@link Handler} gives it, so the
 * emulated API Gateway answers everything in JSON as the real one does.
 *
 * <p>What it speaks: request bodies by {@code Content-Length} or {@code chunked}, {@code Expect: 100-continue},
 * persistent connections (HTTP/1.1 unless {@code Connection: close}; HTTP/1.0 closes), {@code HEAD} answered
 * without a body. Limits: {@link #MAX_HEAD_BYTES} for the request line and headers, {@link #MAX_BODY_BYTES}
 * for the body (API Gateway's payload limit).
 */
final class LocalHttpServer implements AutoCloseable {

    /** A request line and headers larger than this are refused (413), generous for a browser's cookies. */
    static final int MAX_HEAD_BYTES = 64 * 1024;
    /** API Gateway's payload limit for a REST API. */
    static final int MAX_BODY_BYTES = 10 * 1024 * 1024;
    /** A connection idle this long between requests, or stalling within one, is closed. */
    private static final int IDLE_MILLIS = 30_000;

    /**
     * A request as it arrived: the target split into the raw (still percent-encoded) path and query, every
     * percent-escape in them well-formed; header names as the client wrote them.
     */
    record Request(String method, String rawPath, String rawQuery, String protocol,
                   Map<String, List<String>> headers, byte[] body, String remoteAddress) {
    }

    /** An answer; header names are written as given. */
    record Response(int status, Map<String, List<String>> headers, byte[] body) {
    }

    /** Answers requests, and the requests that could not be parsed. */
    interface Handler {
        Response handle(Request request);

        /**
         * @param status 400 for a malformed request, 413 for one over a limit
         * @param reason what is wrong, for the caller's error body
         */
        Response refuse(int status, String reason);
    }

    /** A request that cannot be parsed, and the status that says so. */
    private static final class Malformed extends Exception {
        final int status;

        Malformed(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private static final Set<String> BODYLESS = Set.of("HEAD");
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;
    private static final String TOKEN_CHARS = "!#$%&'*+-.^_`|~";

    private final ServerSocket socket;
    private final Handler handler;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    private LocalHttpServer(ServerSocket socket, Handler handler) {
        this.socket = socket;
        this.handler = handler;
    }

    /**
     * Serves on {@code 127.0.0.1:port} (0 for any free port) until closed; one virtual thread per connection.
     *
     * @throws BindException when the port is taken
     */
    static LocalHttpServer start(int port, Handler handler) throws BindException {
        ServerSocket socket;
        try {
            socket = new ServerSocket();
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        } catch (BindException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LocalHttpServer server = new LocalHttpServer(socket, handler);
        server.executor.submit(server::accept);
        return server;
    }

    int port() {
        return socket.getLocalPort();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                open.add(connection);
                executor.submit(() -> serve(connection));
            } catch (IOException e) {
                // closed: the loop ends
            }
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            connection.setSoTimeout(IDLE_MILLIS);
            InputStream in = new BufferedInputStream(connection.getInputStream());
            OutputStream out = new BufferedOutputStream(connection.getOutputStream());
            String remote = connection.getInetAddress().getHostAddress();
            boolean again = true;
            while (again) {
                Request request;
                try {
                    request = read(in, out, remote);
                } catch (Malformed e) {
                    write(out, handler.refuse(e.status, e.getMessage()), false, true);
                    return;
                }
                if (request == null) {
                    return; // the client closed the connection between requests
                }
                again = keepAlive(request);
                write(out, handler.handle(request), BODYLESS.contains(request.method()), !again);
            }
        } catch (SocketTimeoutException | SocketException e) {
            // idle, stalled or gone: nothing to answer
        } catch (IOException e) {
            // the client went away mid-answer
        } finally {
            open.remove(connection);
        }
    }

    private static boolean keepAlive(Request request) {
        String connection = first(request.headers(), "Connection");
        return request.protocol().equals("HTTP/1.1") && (connection == null || !connection.equalsIgnoreCase("close"));
    }

    /** The next request, or null when the connection ends cleanly before one starts. */
    private static Request read(InputStream in, OutputStream out, String remote) throws IOException, Malformed {
        int[] budget = {MAX_HEAD_BYTES};
        String requestLine = line(in, budget, true);
        while (requestLine != null && requestLine.isEmpty()) {
            requestLine = line(in, budget, true); // an empty line before a request is to be ignored (RFC 9112)
        }
        if (requestLine == null) {
            return null;
        }
        String[] parts = requestLine.split(" ", -1);
        if (parts.length != 3 || !isToken(parts[0]) || !parts[2].matches("HTTP/1\\.[01]")) {
            throw new Malformed(400, "the request line is not 'METHOD target HTTP/1.1'");
        }
        String target = parts[1];
        if (target.startsWith("http://") || target.startsWith("https://")) {
            int path = target.indexOf('/', target.indexOf("//") + 2);
            target = path < 0 ? "/" : target.substring(path);
        }
        if (!target.startsWith("/") && !target.equals("*")) {
            throw new Malformed(400, "the request target must be a path");
        }
        int hash = target.indexOf('#');
        if (hash >= 0) {
            target = target.substring(0, hash);
        }
        int question = target.indexOf('?');
        String rawPath = question < 0 ? target : target.substring(0, question);
        String rawQuery = question < 0 ? null : target.substring(question + 1);
        checkEscapes(rawPath, "path");
        if (rawQuery != null) {
            checkEscapes(rawQuery, "query string");
        }
        Map<String, List<String>> headers = headers(in, budget);
        byte[] body = body(in, out, headers, parts[2]);
        return new Request(parts[0], rawPath, rawQuery, parts[2], headers, body, remote);
    }

    private static Map<String, List<String>> headers(InputStream in, int[] budget) throws IOException, Malformed {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String line = line(in, budget, false); !line.isEmpty(); line = line(in, budget, false)) {
            int colon = line.indexOf(':');
            if (colon <= 0 || !isToken(line.substring(0, colon))) {
                throw new Malformed(400, "malformed header line");
            }
            String value = line.substring(colon + 1).strip();
            if (value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7F)) {
                throw new Malformed(400, "a header value has a control character");
            }
            String name = line.substring(0, colon);
            String existing = headers.keySet().stream().filter(n -> n.equalsIgnoreCase(name)).findFirst().orElse(name);
            headers.computeIfAbsent(existing, n -> new ArrayList<>()).add(value);
        }
        return headers;
    }

    private static byte[] body(InputStream in, OutputStream out, Map<String, List<String>> headers, String protocol)
            throws IOException, Malformed {
        List<String> lengths = all(headers, "Content-Length");
        String coding = first(headers, "Transfer-Encoding");
        if (coding != null && !coding.equalsIgnoreCase("chunked") || all(headers, "Transfer-Encoding").size() > 1) {
            throw new Malformed(400, "unsupported Transfer-Encoding: " + coding);
        }
        if (coding != null && !lengths.isEmpty() || lengths.size() > 1 && lengths.stream().distinct().count() > 1) {
            throw new Malformed(400, "conflicting Content-Length and Transfer-Encoding");
        }
        long length = 0;
        if (!lengths.isEmpty()) {
            if (!lengths.getFirst().matches("[0-9]{1,18}")) {
                throw new Malformed(400, "malformed Content-Length");
            }
            length = Long.parseLong(lengths.getFirst());
            if (length > MAX_BODY_BYTES) {
                throw new Malformed(413, "the body is larger than " + MAX_BODY_BYTES + " bytes");
            }
        }
        if ((coding != null || length > 0) && "100-continue".equalsIgnoreCase(first(headers, "Expect"))
                && protocol.equals("HTTP/1.1")) {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
        if (coding == null) {
            byte[] body = in.readNBytes((int) length);
            if (body.length < length) {
                throw new IOException("the body ended early");
            }
            return body;
        }
        return chunked(in);
    }

    private static byte[] chunked(InputStream in) throws IOException, Malformed {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int[] budget = {MAX_HEAD_BYTES};
        while (true) {
            String sizeLine = line(in, budget, false);
            int semicolon = sizeLine.indexOf(';');
            String size = (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).strip();
            if (!size.matches("[0-9A-Fa-f]{1,7}")) {
                throw new Malformed(400, "malformed chunk size");
            }
            int chunk = Integer.parseInt(size, 16);
            if (chunk == 0) {
                while (!line(in, budget, false).isEmpty()) {
                    // trailers: not used by anything behind this API
                }
                return body.toByteArray();
            }
            if (body.size() + chunk > MAX_BODY_BYTES) {
                throw new Malformed(413, "the body is larger than " + MAX_BODY_BYTES + " bytes");
            }
            byte[] bytes = in.readNBytes(chunk);
            if (bytes.length < chunk || !line(in, budget, false).isEmpty()) {
                throw new Malformed(400, "malformed chunk");
            }
            body.write(bytes);
        }
    }

    /**
     * One line without its CRLF (a bare LF is taken too), as ISO-8859-1; null at the end of the stream when
     * {@code mayEnd} and nothing was read.
     */
    private static String line(InputStream in, int[] budget, boolean mayEnd) throws IOException, Malformed {
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b == -1) {
                if (mayEnd && line.isEmpty()) {
                    return null;
                }
                throw new IOException("the request ended early");
            }
            if (--budget[0] < 0) {
                throw new Malformed(413, "the request line and headers are larger than " + MAX_HEAD_BYTES + " bytes");
            }
            if (b == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            line.append((char) b);
        }
    }

    /** Every {@code %} starts an escape of two hex digits, and nothing is a control character or a space. */
    private static void checkEscapes(String raw, String where) throws Malformed {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c <= 0x20 || c == 0x7F) {
                throw new Malformed(400, "the " + where + " has a space or a control character");
            }
            if (c == '%') {
                if (i + 2 >= raw.length() || Character.digit(raw.charAt(i + 1), 16) < 0
                        || Character.digit(raw.charAt(i + 2), 16) < 0) {
                    String escape = raw.substring(i, Math.min(raw.length(), i + 3));
                    throw new Malformed(400, "malformed percent-escape '" + escape + "' in the " + where);
                }
                i += 2;
            }
        }
    }

    private static void write(OutputStream out, Response response, boolean headOnly, boolean close) throws IOException {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(response.status()).append(' ')
                .append(reason(response.status())).append("\r\n");
        boolean hasBody = response.status() != 204 && response.status() != 304;
        response.headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Length") && !name.equalsIgnoreCase("Connection")
                    && !name.equalsIgnoreCase("Transfer-Encoding")) {
                values.forEach(value -> head.append(name).append(": ").append(value).append("\r\n"));
            }
        });
        if (first(response.headers(), "Date") == null) {
            head.append("Date: ").append(HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC))).append("\r\n");
        }
        byte[] body = hasBody && response.body() != null ? response.body() : new byte[0];
        if (hasBody) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        if (close) {
            head.append("Connection: close\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.UTF_8));
        if (!headOnly) {
            out.write(body);
        }
        out.flush();
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 204 -> "No Content";
            case 304 -> "Not Modified";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 413 -> "Payload Too Large";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Status";
        };
    }

    private static boolean isToken(String text) {
        return !text.isEmpty() && text.chars().allMatch(c -> c < 0x7F && (Character.isLetterOrDigit(c)
                || TOKEN_CHARS.indexOf(c) >= 0));
    }

    static String first(Map<String, List<String>> headers, String name) {
        List<String> values = all(headers, name);
        return values.isEmpty() ? null : values.getFirst();
    }

    private static List<String> all(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return List.of();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (Socket connection : open) {
            try {
                connection.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
