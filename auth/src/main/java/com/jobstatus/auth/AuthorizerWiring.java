package com.jobstatus.auth;

import com.jobstatus.runtime.Env;
import com.jobstatus.runtime.SnapStart;
import com.jobstatus.runtime.Telemetry;
import java.time.Clock;
import java.util.Map;
import software.amazon.lambda.powertools.metrics.Metrics;

/**
 * WsAuthorizerFn built once, in INIT: its configuration read and checked, the pool's keys fetched (kept for the
 * container's life and in the snapshot), the decision and the metrics built, the priming registered for SnapStart.
 */
public record AuthorizerWiring(ConnectAuthorizer authorizer, Metrics metrics) {

    /** What Lambda runs: the function built from the process's environment. */
    static AuthorizerWiring fromEnvironment() {
        return from(Env.system());
    }

    static AuthorizerWiring from(Env env) {
        AuthorizerConfig config = AuthorizerConfig.from(env);
        CachedJwks keys = CachedJwks.at(config.jwksUri(), Clock.systemUTC());
        keys.refresh();
        ConnectAuthorizer authorizer = new ConnectAuthorizer(
                new IdTokenVerifier(keys, config.issuer(), config.appClientIds(), Clock.systemUTC()),
                config.allowedOrigins());
        SnapStart.primeBeforeSnapshot("WsAuthorizerFn", new AuthorizerPriming(authorizer, keys)::run);
        return new AuthorizerWiring(authorizer, Telemetry.metrics(config.serviceName(), config.stage()));
    }

    /** The function as Lambda builds it, from the given environment: for the local stack and tools. */
    public static AuthorizerHandler handler(Map<String, String> environment) {
        AuthorizerWiring wiring = from(new Env(environment));
        return new AuthorizerHandler(wiring.authorizer(), wiring.metrics());
    }
}
