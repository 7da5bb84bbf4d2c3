package com.jobstatus.bench;

import java.io.FileInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The events a projector probe replays: job lifecycles (QUEUED, PROCESSING, COMPLETED) of fresh jobs, in order,
 * so that every event is applied (a read and a conditional write, never a skip). {@link Workload} writes them
 * to a file, one EventBridge event a line; the probe reads them as bytes, so its JVM formats no JSON and no
 * time of its own. Boot classes only: this class is loaded in probe JVMs.
 */
final class ProjectorEvents {

    static final String SOURCE = "jobs.fal-invoker";
    static final String[] STATUSES = {"QUEUED", "PROCESSING", "COMPLETED"};

    private ProjectorEvents() {
    }

    /** The job event {@code i} is about: three events per job. */
    static String jobId(String prefix, int i) {
        return prefix + (i / 3);
    }

    /** The status of event {@code i}; its job's stored version before it is {@code i % 3}. */
    static String status(int i) {
        return STATUSES[i % 3];
    }

    /** In the probe: the events as raw bytes, one per line. */
    static List<byte[]> read(String file) throws IOException {
        byte[] all;
        try (FileInputStream in = new FileInputStream(file)) {
            all = in.readAllBytes();
        }
        List<byte[]> events = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < all.length; i++) {
            if (all[i] == '\n') {
                byte[] event = new byte[i - start];
                System.arraycopy(all, start, event, 0, event.length);
                events.add(event);
                start = i + 1;
            }
        }
        return events;
    }
}
