package com.jobstatus.auth;

import java.security.interfaces.RSAPublicKey;

/** The user pool's token signing keys, by key id ({@code kid}). */
@FunctionalInterface
public interface SigningKeys {

    /** The pool's RS256 key with this id, or null when the pool has none (as far as this source knows). */
    RSAPublicKey key(String kid);
}
