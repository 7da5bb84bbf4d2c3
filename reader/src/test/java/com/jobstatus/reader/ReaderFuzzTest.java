package com.jobstatus.reader;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/** A short coverage-guided run of {@link ReaderFuzzTarget} in every build. */
class ReaderFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void anyRequestGetsADocumentedAnswerAndNeverAnotherUsersJob(FuzzedDataProvider data) {
        ReaderFuzzTarget.fuzzerTestOneInput(data);
    }
}
