package com.jobstatus.bench;

import com.jobstatus.projector.ProjectorHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * ProjectorFn in a probe JVM: built by its public constructor from the environment, as Lambda builds it, and
 * given the events of {@link ProjectorEvents} as raw bytes, as EventBridge delivers them. Every one is a change
 * the projector applies: a read and a conditional write.
 */
final class ProjectorProbe extends FunctionProbe<ProjectorHandler> {

    private static final byte[] APPLIED = "{\"outcome\":\"APPLIED\"}".getBytes(StandardCharsets.UTF_8);

    private final ByteArrayOutputStream output = new ByteArrayOutputStream(64);
    private List<byte[]> events;

    public static void main(String[] args) {
        run(new ProjectorProbe(), args);
    }

    @Override
    ProjectorHandler newHandler() {
        return new ProjectorHandler();
    }

    @Override
    void prepare(Arguments args) throws Exception {
        events = ProjectorEvents.read(args.text("events"));
        context();
    }

    @Override
    boolean invoke(int i) throws Exception {
        output.reset();
        handler.handleRequest(new ByteArrayInputStream(events.get(i)), output, context);
        return Arrays.equals(output.toByteArray(), APPLIED);
    }
}
