package com.jobstatus.local;

import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.zip.GZIPInputStream;

/**
 * The RSA key moto's Cognito signs every user pool's tokens with, private part included, read from the moto
 * installation. With it a test signs tokens whose signature the local authorizer accepts but whose claims are
 * wrong, so that each claim check is seen to refuse on its own.
 */
final class MotoSigningKey {

    private static final String KEY_FILE = "cognitoidp/resources/jwks-private.json.gz";

    private MotoSigningKey() {
    }

    static RSAKey load() {
        Path file = motoPackage().resolve(KEY_FILE);
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return RSAKey.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException | ParseException e) {
            throw new IllegalStateException("cannot read moto's Cognito signing key " + file + ": " + e.getMessage(), e);
        }
    }

    /** Where the Python package moto is, asked of the interpreter that has it. */
    private static Path motoPackage() {
        String python = python();
        try {
            Process process = new ProcessBuilder(python, "-c", "import moto, os; print(os.path.dirname(moto.__file__))")
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (process.waitFor() != 0) {
                throw new IllegalStateException("'" + python + "' cannot import moto: " + output);
            }
            return Path.of(output);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run '" + python + "' to find moto: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while finding moto", e);
        }
    }

    /**
     * The Python beside the moto server the tests were told to use (a virtualenv's {@code bin/}), else
     * {@code python3}: the key must come from the same installation that signs the tokens.
     */
    private static String python() {
        String server = System.getProperty("moto.server");
        if (server == null || server.isBlank()) {
            server = System.getenv("MOTO_SERVER");
        }
        if (server != null && !server.isBlank()) {
            Path sibling = Path.of(server).toAbsolutePath().resolveSibling("python3");
            if (Files.isExecutable(sibling)) {
                return sibling.toString();
            }
        }
        return "python3";
    }
}
