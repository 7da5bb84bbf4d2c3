package com.jobstatus.local;

import com.jobstatus.runtime.Env;
import com.jobstatus.template.SamTemplate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code local/run}: starts the local stack in the foreground until Ctrl-C or SIGTERM, which stop everything
 * it started (moto included), or until the moto server dies.
 */
public final class LocalStackMain {

    private LocalStackMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.println(LocalConfig.USAGE);
            return;
        }
        LocalConfig config;
        try {
            config = LocalConfig.from(Env.system(), List.of(args), SamTemplate.find().getParent());
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("local/run: " + e.getMessage());
            System.exit(2);
            return;
        }
        LocalStack stack = new LocalStack(config, System.out);
        AtomicBoolean stopping = new AtomicBoolean();
        // Ctrl-C and SIGTERM run shutdown hooks; during start-up too, so a half-started stack leaves nothing behind
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            boolean wasUp = stack.info() != null;
            stack.close();
            if (wasUp) {
                System.out.println("Local stack stopped.");
            }
        }, "local-stack-stop"));
        try {
            stack.startAll();
        } catch (RuntimeException e) {
            System.err.println("local/run: cannot start the local stack: " + e.getMessage());
            System.exit(1);
        }
        while (stack.awsAlive() || stopping.get()) {
            // nothing to do but notice moto dying under us; a stop signal ends the JVM from its hook
            TimeUnit.SECONDS.sleep(1);
        }
        System.err.println("local/run: the moto server has stopped; stopping the local stack");
        System.exit(1);
    }
}
