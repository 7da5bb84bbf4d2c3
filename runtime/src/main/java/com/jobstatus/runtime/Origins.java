package com.jobstatus.runtime;

import java.net.URI;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The browser origins a function lets in ({@code ALLOWED_ORIGINS}: the REST API's CORS answers, the WebSocket
 * authorizer's check of a browser's {@code Origin}), parsed one way, here and in the local stack (the template's
 * {@code AllowedOrigins}): each exactly {@code scheme://host[:port]}, never {@code *} or {@code null}.
 */
public final class Origins {

    private Origins() {
    }

    /**
     * @param variable the environment variable the list came from, named in the failure
     * @param list     comma-separated origins
     * @return the origins in the order given: the first is the one the gateway's own responses name
     */
    public static Set<String> parse(String variable, String list) {
        Set<String> origins = new LinkedHashSet<>();
        for (String origin : Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList()) {
            if (!isOrigin(origin)) {
                throw new IllegalStateException("environment variable " + variable + ": '" + origin
                        + "' is not an origin such as https://app.example.com (no '*', no 'null', no path)");
            }
            origins.add(origin);
        }
        return Collections.unmodifiableSet(origins);
    }

    private static boolean isOrigin(String origin) {
        try {
            URI uri = URI.create(origin);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
                    && uri.getHost() != null && uri.getRawPath().isEmpty() && uri.getRawQuery() == null
                    && uri.getRawFragment() == null && uri.getRawUserInfo() == null
                    && origin.equals(uri.getScheme() + "://" + uri.getRawAuthority());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
