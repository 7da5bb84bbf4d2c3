package com.jobstatus.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.jobstatus.template.SamTemplate;
import com.jobstatus.template.TemplateValues;
import java.util.List;
import java.util.Map;

/**
 * The names and settings of one stage's deployment, read from {@code template.yaml} as CloudFormation
 * would resolve them with the template's parameter defaults, so the tool and the stack cannot drift apart.
 * A deployment that overrides a parameter (another bus, more event sources) is matched with the tool's
 * flags for that name.
 */
record StackNames(String stage, String table, String failureQueue, String bus, String rule, String archive,
                  List<String> eventSources, int ttlDays) {

    static StackNames of(SamTemplate template, String stage) {
        JsonNode allowed = template.root().path("Parameters").path("Stage").path("AllowedValues");
        boolean known = false;
        for (JsonNode value : allowed) {
            known |= value.asText().equals(stage);
        }
        if (!known) {
            throw new IllegalArgumentException("stage '" + stage + "' is not one of the template's stages " + allowed);
        }
        TemplateValues values = template.values(Map.of("Stage", stage));
        return new StackNames(stage,
                values.text(template.properties("JobsTable").path("TableName")),
                values.text(template.properties("FailureQueue").path("QueueName")),
                template.parameterDefault("EventBusName"),
                values.text(template.properties("ProjectorFunction")
                        .path("Events").path("JobStatusChanged").path("Properties").path("RuleName")),
                values.text(template.properties("JobEventsArchive").path("ArchiveName")),
                values.list(JsonNodeFactory.instance.objectNode().put("Ref", "EventSources")),
                Integer.parseInt(template.parameterDefault("JobTtlDays")));
    }
}
