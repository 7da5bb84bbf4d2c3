package com.jobstatus.auth;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pool's keys, fetched once and kept for the life of the container (and in the SnapStart snapshot). A token
 * signed with a key we do not know fetches them again, since the pool may have rotated its keys, but at most once
 * per {@link #REFETCH_INTERVAL}: tokens with made-up key ids must not turn into a flood of requests to Cognito.
 * A failed fetch keeps what we had and is tried again after {@link #RETRY_INTERVAL}.
 */
public final class CachedJwks implements SigningKeys {

    private static final Logger LOG = LoggerFactory.getLogger(CachedJwks.class);
    static final Duration REFETCH_INTERVAL = Duration.ofMinutes(1);
    static final Duration RETRY_INTERVAL = Duration.ofSeconds(5);
    /** A refetch happens while a connect waits for its answer; Cognito's key set comes back in milliseconds or not at all. */
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    /** Where the key set comes from: an HTTP GET in production, anything in tests. */
    @FunctionalInterface
    public interface Source {
        String fetch() throws IOException;
    }

    private final Source source;
    private final Clock clock;
    private volatile Jwks keys = new Jwks(java.util.Map.of());
    /** When a fetch may next be made; guarded by this. */
    private Instant nextFetch = Instant.MIN;

    public CachedJwks(Source source, Clock clock) {
        this.source = source;
        this.clock = clock;
    }

    /** The key set at this URL, over HTTP(S) with short timeouts (the URLConnection client: nothing more to load). */
    public static CachedJwks at(URI jwksUri, Clock clock) {
        return new CachedJwks(() -> get(jwksUri), clock);
    }

    @Override
    public RSAPublicKey key(String kid) {
        RSAPublicKey key = keys.key(kid);
        if (key == null && refresh()) {
            key = keys.key(kid);
        }
        return key;
    }

    /**
     * Fetches the key set now, unless a fetch was made too recently.
     *
     * @return true if a fetch was made and succeeded
     * @throws IllegalStateException never: a failure is remembered as a short back-off, and the old keys stay
     */
    public synchronized boolean refresh() {
        Instant now = clock.instant();
        if (now.isBefore(nextFetch)) {
            return false;
        }
        try {
            keys = Jwks.parse(source.fetch());
            nextFetch = now.plus(REFETCH_INTERVAL);
            return true;
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("cannot fetch the user pool's signing keys; keeping the ones we have",
                    software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry("reason", e.getMessage()));
            nextFetch = now.plus(RETRY_INTERVAL);
            return false;
        }
    }

    /** The key ids known now, without fetching. */
    public java.util.Set<String> knownKeyIds() {
        return keys.keys().keySet();
    }

    /** How many keys are known: for the log line at start-up. */
    public int size() {
        return keys.keys().size();
    }

    private static String get(URI uri) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        connection.setConnectTimeout((int) TIMEOUT.toMillis());
        connection.setReadTimeout((int) TIMEOUT.toMillis());
        connection.setInstanceFollowRedirects(false);
        try {
            int status = connection.getResponseCode();
            if (status != 200) {
                throw new IOException(uri + " answered " + status);
            }
            try (InputStream body = connection.getInputStream()) {
                return new String(body.readNBytes(1024 * 1024), StandardCharsets.UTF_8);
            }
        } finally {
            connection.disconnect();
        }
    }
}
