package com.jobstatus.reader;

import com.jobstatus.schemas.JobIds;
import com.jobstatus.schemas.PlatformTimestamps;
import com.jobstatus.store.JobRepository.Position;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * The opaque list cursor: where the previous page ended, bound to the user it was issued to.
 *
 * <p>It cannot reveal another user's jobs by construction: the list query's partition key is always the
 * caller's own id from the verified token, never anything in the cursor. The owner tag in it (a hash of
 * the owner's id, not the id) makes a cursor from another user, or a damaged one, a clear 400 instead of a
 * silently odd page. It is not signed: a caller who crafts a well-formed cursor for their own tag can only
 * choose where in their own list a page starts, which the API allows anyway.
 */
final class Cursor {

    private static final String VERSION = "v1";
    private static final int MAX_LENGTH = 512;
    private static final int MAX_TIMESTAMP = 64;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private Cursor() {
    }

    static String encode(String ownerId, Position position) {
        String plain = VERSION + "|" + ownerTag(ownerId) + "|" + position.createdAt() + "|" + position.jobId();
        return ENCODER.encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** The position, or null if the cursor was not issued to this caller by this service. */
    static Position decode(String callerId, String cursor) {
        if (cursor == null || cursor.isEmpty() || cursor.length() > MAX_LENGTH) {
            return null;
        }
        String plain;
        try {
            plain = new String(DECODER.decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        String[] parts = plain.split("\\|", -1);
        if (parts.length != 4 || !VERSION.equals(parts[0])
                || !MessageDigest.isEqual(ownerTag(callerId).getBytes(StandardCharsets.UTF_8),
                        parts[1].getBytes(StandardCharsets.UTF_8))
                || !isTimestamp(parts[2]) || !JobIds.isValid(parts[3])) {
            return null;
        }
        return new Position(parts[2], parts[3]);
    }

    /**
     * A {@code createdAt} as the index may hold it: ours ({@code 2024-06-25T12:00:00.000Z}) or another writer's
     * spelling of a time; the position is the index's own value, so the next page starts exactly after it.
     */
    private static boolean isTimestamp(String createdAt) {
        return createdAt.length() <= MAX_TIMESTAMP && PlatformTimestamps.parse(createdAt) != null;
    }

    private static String ownerTag(String ownerId) {
        return Sha256.base64Url("job-list-cursor:" + ownerId, 22);
    }
}
