package com.jobstatus.local;

/** A port the local stack needs is taken. */
final class PortInUseException extends RuntimeException {

    private final int port;

    PortInUseException(int port, Throwable cause) {
        this(port, "port " + port + " on 127.0.0.1 is already in use", cause);
    }

    private PortInUseException(int port, String message, Throwable cause) {
        super(message, cause);
        this.port = port;
    }

    /** The same, saying what needs the port and which variable moves it. */
    PortInUseException naming(String variable, String what) {
        return new PortInUseException(port, "port " + port + " on 127.0.0.1 is already in use, and " + what
                + " needs it: stop what listens there, or choose another port with " + variable + " (e.g. "
                + variable + "=" + (port + 1) + " local/run)", getCause());
    }
}
