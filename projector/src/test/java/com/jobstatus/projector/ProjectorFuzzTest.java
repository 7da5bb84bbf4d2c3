package com.jobstatus.projector;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/** A short coverage-guided run of {@link ProjectorFuzzTarget} in every build. */
class ProjectorFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void anyInputIsAppliedStaleOrRejectedWithItsReasonAndNeverThrows(FuzzedDataProvider data) {
        ProjectorFuzzTarget.fuzzerTestOneInput(data);
    }
}
