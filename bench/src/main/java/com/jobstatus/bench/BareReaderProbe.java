package com.jobstatus.bench;

/** The reader's baseline: one GetItem of the job GetJobFn reads, per request. */
final class BareReaderProbe extends BareSdkProbe {

    private String jobId;

    public static void main(String[] args) {
        run(new BareReaderProbe(), args);
    }

    @Override
    void prepare(Arguments args) {
        jobId = args.text("jobId");
    }

    @Override
    boolean invoke(int i) {
        return !getItem(jobId).isEmpty();
    }
}
