package com.jobstatus.ops;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.eventbridge.model.DescribeReplayResponse;
import software.amazon.awssdk.services.eventbridge.model.ReplayState;
import software.amazon.awssdk.services.eventbridge.model.StartReplayRequest;

/**
 * Moto replays synchronously: StartReplay returns when the replay is over, so every DescribeReplay already
 * says COMPLETED. This shows the caller what AWS shows while a replay runs: the first polls say RUNNING,
 * then the real answer comes through, or a failure instead of it. It also keeps the StartReplay request as
 * sent, because moto does not act on all of it ({@code FilterArns}, the time window).
 */
final class ReplayStates implements ExecutionInterceptor {

    private final int runningPolls;
    private final Instant replayedUpTo;
    private final String failure;
    private final AtomicInteger polls = new AtomicInteger();
    private volatile StartReplayRequest started;

    /** @param failure a FAILED state's reason to answer after the running polls, or null for moto's own answer */
    ReplayStates(int runningPolls, Instant replayedUpTo, String failure) {
        this.runningPolls = runningPolls;
        this.replayedUpTo = replayedUpTo;
        this.failure = failure;
    }

    int polls() {
        return polls.get();
    }

    StartReplayRequest started() {
        return started;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof StartReplayRequest request) {
            started = request;
        }
    }

    @Override
    public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
        if (!(context.response() instanceof DescribeReplayResponse replay)) {
            return context.response();
        }
        int poll = polls.incrementAndGet();
        if (poll <= runningPolls) {
            return replay.toBuilder().state(ReplayState.RUNNING).eventLastReplayedTime(replayedUpTo)
                    .replayEndTime(null).build();
        }
        if (failure != null) {
            return replay.toBuilder().state(ReplayState.FAILED).stateReason(failure).build();
        }
        return replay;
    }
}
