package com.jobstatus.ops;

import com.jobstatus.projector.DirectProjector;
import com.jobstatus.store.JobRepository;
import java.time.Clock;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The projector as the deployed function has it, for the commands that apply events to a table: its event
 * source allow-list ({@code --event-source}, in {@link StackOptions}) and its job TTL, which decides what
 * is too old to write.
 */
final class ProjectionOptions {

    @Option(names = "--ttl-days", description = "The deployment's JobTtlDays. Default: the template's default.")
    Integer ttlDays;

    DirectProjector projector(JobRepository table, StackOptions stack) {
        Duration ttl = Duration.ofDays(ttlDays != null ? ttlDays : stack.names().ttlDays());
        return new DirectProjector(table, stack.eventSources(), ttl, Clock.systemUTC());
    }
}
