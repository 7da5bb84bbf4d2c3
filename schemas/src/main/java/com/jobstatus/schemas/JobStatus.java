package com.jobstatus.schemas;

/**
 * A job's lifecycle state. The rank orders states within one attempt: a job moves forward only,
 * and the two terminal states share the top rank (docs/DESIGN.md §5).
 */
public enum JobStatus {
    QUEUED(0),
    PROCESSING(1),
    COMPLETED(2),
    FAILED(2);

    private final int rank;

    JobStatus(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }

    public boolean isTerminal() {
        return rank == 2;
    }

    /** The status named exactly so, or null: callers turn null into their own clear error. */
    public static JobStatus parse(String name) {
        if (name == null) {
            return null;
        }
        return switch (name) {
            case "QUEUED" -> QUEUED;
            case "PROCESSING" -> PROCESSING;
            case "COMPLETED" -> COMPLETED;
            case "FAILED" -> FAILED;
            default -> null;
        };
    }
}
