package com.jobstatus.ops;

import java.io.PrintWriter;

/**
 * A one-line progress bar on standard error, redrawn in place at most ten times a second and wiped when
 * the run ends. Only when standard error is a terminal (the {@code jobs-ops} script tells; see
 * {@link JobsOps}), so output that is piped or captured stays exactly the report.
 */
final class Progress implements AutoCloseable {

    private static final long REDRAW_NANOS = 100_000_000L;
    private static final int WIDTH = 30;

    private final PrintWriter terminal;
    private final String label;
    private long total;
    private long done;
    private long lastDraw;
    private int drawnChars;

    private Progress(PrintWriter terminal, String label, long total) {
        this.terminal = terminal;
        this.label = label;
        this.total = total;
    }

    /** @param terminal where to draw, or null for no bar; {@code total} 0 when unknown */
    static Progress start(PrintWriter terminal, String label, long total) {
        return new Progress(terminal, label, total);
    }

    void advance() {
        advanceTo(done + 1);
    }

    /** For work measured otherwise than in steps, such as a replay's position in its time window. */
    void advanceTo(long position) {
        if (position <= done) {
            return;
        }
        done = position;
        if (total > 0 && done > total) {
            total = done; // an estimate (a queue's length) was low
        }
        long now = System.nanoTime();
        if (terminal != null && (lastDraw == 0 || now - lastDraw >= REDRAW_NANOS || done == total)) {
            lastDraw = now;
            draw();
        }
    }

    private void draw() {
        StringBuilder line = new StringBuilder(label).append(' ');
        if (total > 0) {
            int filled = (int) (WIDTH * done / total);
            line.append('[').append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("] ")
                    .append(done).append('/').append(total)
                    .append(" (").append(100 * done / total).append("%)");
        } else {
            line.append(done);
        }
        String text = line.toString();
        terminal.print("\r" + text + " ".repeat(Math.max(0, drawnChars - text.length())));
        terminal.flush();
        drawnChars = text.length();
    }

    /** Prints a line of the report (to standard output), clearing the bar first so the two do not mix. */
    void report(PrintWriter out, String line) {
        close();
        out.println(line);
        out.flush();
    }

    @Override
    public void close() {
        if (terminal != null && drawnChars > 0) {
            terminal.print("\r" + " ".repeat(drawnChars) + "\r");
            terminal.flush();
            drawnChars = 0;
        }
    }
}
