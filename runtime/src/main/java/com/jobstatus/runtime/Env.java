package com.jobstatus.runtime;

import java.util.Map;

/**
 * Reads configuration from environment variables, once, at cold start. A missing or empty required
 * variable fails with a message naming it, so a broken deployment says what is wrong on its first log line.
 */
public final class Env {

    private final Map<String, String> variables;

    public Env(Map<String, String> variables) {
        this.variables = Map.copyOf(variables);
    }

    public static Env system() {
        return new Env(System.getenv());
    }

    public String required(String name) {
        String value = variables.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("missing environment variable " + name);
        }
        return value.trim();
    }

    public String optional(String name, String defaultValue) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? defaultValue : value.trim();
    }

    public int optionalInt(String name, int defaultValue, int min, int max) {
        String value = optional(name, null);
        if (value == null) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < min || parsed > max) {
                throw new IllegalStateException("environment variable " + name + " must be between " + min
                        + " and " + max + ", was " + value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalStateException("environment variable " + name + " must be a whole number, was " + value, e);
        }
    }
}
