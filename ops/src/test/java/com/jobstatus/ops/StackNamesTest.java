package com.jobstatus.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.jobstatus.schemas.EventContract;
import com.jobstatus.store.JobsTable;
import com.jobstatus.template.SamTemplate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The default names come from template.yaml, resolved for the stage as CloudFormation would. */
class StackNamesTest {

    private static final SamTemplate TEMPLATE = SamTemplate.load();

    @Test
    void aStagesNamesAreTheTemplates() {
        for (String stage : List.of("dev", "prod")) {
            StackNames names = StackNames.of(TEMPLATE, stage);

            assertEquals(JobsTable.nameFor(stage), names.table());
            assertEquals("JobStatusFailures-" + stage, names.failureQueue());
            assertEquals("job-events", names.bus());
            assertEquals("JobStatusChanged-" + stage, names.rule());
            assertEquals("JobStatusArchive-" + stage, names.archive());
            assertEquals(EventContract.DEFAULT_SOURCES, names.eventSources());
            assertEquals(30, names.ttlDays());
        }
    }

    @Test
    void aStageTheTemplateDoesNotKnowIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> StackNames.of(TEMPLATE, "prd"));
    }
}
