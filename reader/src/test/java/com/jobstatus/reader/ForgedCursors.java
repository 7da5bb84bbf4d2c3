package com.jobstatus.reader;

import com.jobstatus.schemas.Timestamps;
import com.jobstatus.store.JobRepository.Position;
import java.time.Instant;

/**
 * List cursors made outside the API, as a caller who has read {@link Cursor} could make them: the abuse suite
 * uses them to show what such a cursor can and cannot reach, without writing the cursor format a second time.
 */
public final class ForgedCursors {

    private ForgedCursors() {
    }

    /** A cursor bound to {@code ownerId} that resumes after the job at {@code createdAt}, {@code jobId}. */
    public static String of(String ownerId, Instant createdAt, String jobId) {
        return Cursor.encode(ownerId, new Position(Timestamps.format(createdAt), jobId));
    }
}
