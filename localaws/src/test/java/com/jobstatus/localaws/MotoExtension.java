package com.jobstatus.localaws;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that gives a test a running {@link MotoServer}: one server per test JVM, started on
 * first use on a free loopback port and stopped when the run ends. Tests isolate themselves by creating
 * resources with unique names rather than by restarting the server (a start costs seconds).
 *
 * <pre>{@code
 * @ExtendWith(MotoExtension.class)
 * class JobsTableIT {
 *     JobsTableIT(MotoServer moto) { ... moto.endpoint() ... }
 * }
 * }</pre>
 */
public final class MotoExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MotoExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == MotoServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context)
            throws ParameterResolutionException {
        return server(context);
    }

    /** The shared server, started on first use. */
    public static MotoServer server(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent("server", key -> new Holder(MotoServer.start(Path.of("target"))), Holder.class)
                .server();
    }

    /** Closed by JUnit when the root context closes, i.e. at the end of the test run. */
    private record Holder(MotoServer server) implements AutoCloseable {
        @Override
        public void close() {
            server.close();
        }
    }
}
