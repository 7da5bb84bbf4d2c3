package com.jobstatus.auth;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.jobstatus.runtime.Telemetry;
import com.jobstatus.schemas.Json;
import com.jobstatus.schemas.PrimingEvents;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What WsAuthorizerFn's first request would otherwise load, done before the SnapStart snapshot: the example
 * {@code $connect} event read as the handler reads it, a refusal taken through every step of the verifier up to
 * and including the signature check, the answer written; logging and metrics primed. Nothing leaves the function
 * (the keys were fetched in INIT), and the snapshot's keys stay good after a restore.
 */
final class AuthorizerPriming {

    private static final Logger LOG = LoggerFactory.getLogger(AuthorizerPriming.class);
    /** The length of a signature by a 2048-bit RSA key, Cognito's: a shorter one would fail before the RSA arithmetic. */
    private static final int SIGNATURE_BYTES = 256;
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final ConnectAuthorizer authorizer;
    private final CachedJwks keys;

    AuthorizerPriming(ConnectAuthorizer authorizer, CachedJwks keys) {
        this.authorizer = authorizer;
        this.keys = keys;
    }

    /** @return the refusal, which names the signature as what failed */
    ConnectAuthorizer.Decision run() {
        WebSocketRequest request = WebSocketRequest.read(PrimingEvents.read("push/connect-authorizer"));
        // the example's token names a key no pool has; with a key the pool has and a signature of zeros the verifier
        // goes as far as a real token goes. No Origin (a client outside a browser), so the origin check cannot end it first.
        String claims = request.query("token").split("\\.")[1];
        String kid = keys.knownKeyIds().stream().findFirst().orElse("priming");
        String header = BASE64URL.encodeToString(("{\"alg\":\"RS256\",\"kid\":\"" + kid + "\"}")
                .getBytes(StandardCharsets.UTF_8));
        ConnectAuthorizer.Decision decision = authorizer.decide(
                header + "." + claims + "." + BASE64URL.encodeToString(new byte[SIGNATURE_BYTES]), null);
        try {
            Json.MAPPER.writeValue(OutputStream.nullOutputStream(), ConnectPolicy.of(decision, request.methodArn()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LOG.info("primed", entry("outcome", "PRIMED"), entry("signingKeys", keys.size()));
        Telemetry.prime();
        return decision;
    }
}
