package com.jobstatus.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.jobstatus.projector.ProjectorConfig;
import com.jobstatus.reader.ReaderConfig;
import com.jobstatus.reader.ReaderMetrics;
import com.jobstatus.runtime.Telemetry;
import com.jobstatus.schemas.EventContract;
import com.jobstatus.schemas.Json;
import com.jobstatus.schemas.JsonSchemas;
import com.jobstatus.store.JobsTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** Holds template.yaml and the code it deploys together: a rename on either side fails here, not in AWS. */
class TemplateTest {

    private static final SamTemplate TEMPLATE = SamTemplate.load();
    private static final Map<String, String> DEV = Map.of("Stage", "dev");
    private static final Map<String, Class<?>> FUNCTIONS = Map.of(
            "ProjectorFunction", com.jobstatus.projector.ProjectorHandler.class,
            "GetJobFunction", com.jobstatus.reader.GetJobHandler.class);

    @Test
    void eachFunctionsHandlerIsTheRealHandlerClassWithANoArgumentConstructorAndASnapStartHook() throws Exception {
        for (var function : FUNCTIONS.entrySet()) {
            String handler = TEMPLATE.properties(function.getKey()).path("Handler").asText();
            Class<?> type = Class.forName(handler.substring(0, handler.indexOf("::")));
            assertEquals(function.getValue(), type);
            assertEquals("handleRequest", handler.substring(handler.indexOf("::") + 2));
            assertTrue(RequestStreamHandler.class.isAssignableFrom(type) || RequestHandler.class.isAssignableFrom(type));
            assertTrue(org.crac.Resource.class.isAssignableFrom(type), "no SnapStart priming hook: " + type);
            type.getConstructor();
        }
    }

    @Test
    void eachFunctionGetsExactlyTheEnvironmentVariablesItsCodeReads() {
        Set<String> global = fieldNames(TEMPLATE.root().path("Globals").path("Function").path("Environment")
                .path("Variables"));
        global.remove("JAVA_TOOL_OPTIONS"); // read by the JVM, not by our code
        assertEquals(Set.copyOf(ProjectorConfig.VARIABLES), union(global, variables("ProjectorFunction")));
        assertEquals(Set.copyOf(ReaderConfig.VARIABLES), union(global, variables("GetJobFunction")));
    }

    @Test
    void theFunctionsRunJava25At256MbWithSnapStartBehindAnAlias() {
        JsonNode globals = TEMPLATE.root().path("Globals").path("Function");
        assertEquals("java25", globals.path("Runtime").asText());
        assertEquals(256, globals.path("MemorySize").asInt());
        assertEquals(30, globals.path("Timeout").asInt());
        assertEquals("PublishedVersions", globals.path("SnapStart").path("ApplyOn").asText());
        assertFalse(globals.path("AutoPublishAlias").asText().isEmpty());
        assertEquals("ProjectorFn-dev", SamTemplate.resolve(TEMPLATE.properties("ProjectorFunction").path("FunctionName"), DEV));
        assertEquals("GetJobFn-dev", SamTemplate.resolve(TEMPLATE.properties("GetJobFunction").path("FunctionName"), DEV));
    }

    @Test
    void theApiInvokesTheReadersAliasGetsNeedTheCognitoAuthorizerPreflightsNothing() {
        for (String method : List.of("GetJobMethod", "JobPreflightMethod", "ListJobsMethod", "ListPreflightMethod")) {
            JsonNode properties = TEMPLATE.properties(method);
            JsonNode integration = properties.path("Integration");
            assertEquals("AWS_PROXY", integration.path("Type").asText(), method);
            assertTrue(integration.path("Uri").path("Fn::Sub").asText().contains("${GetJobFunction.Alias}"),
                    method + " must invoke the alias: SnapStart does nothing for $LATEST");
            if (properties.path("HttpMethod").asText().equals("GET")) {
                assertEquals("COGNITO_USER_POOLS", properties.path("AuthorizationType").asText(), method);
                assertEquals("CognitoAuthorizerId", properties.path("AuthorizerId").path("Ref").asText(), method);
            } else {
                assertEquals("OPTIONS", properties.path("HttpMethod").asText(), method);
                assertEquals("NONE", properties.path("AuthorizationType").asText(), method);
            }
        }
        assertEquals("{id}", TEMPLATE.properties("JobResource").path("PathPart").asText());
        for (String permission : List.of("GetJobInvokePermission", "ListJobsInvokePermission")) {
            JsonNode properties = TEMPLATE.properties(permission);
            assertEquals("GetJobFunction.Alias", properties.path("FunctionName").path("Ref").asText());
            assertTrue(properties.path("SourceArn").path("Fn::Sub").asText().contains("${RestApiId}/"), permission);
        }
    }

    /** DESIGN.md section 7: what the stack adds on paths the existing API may have already is switchable. */
    @Test
    void eachMethodThatMayExistAlreadyHasItsSwitchAndTheIdResourceCanBeAdopted() {
        Map<String, String> switchOf = Map.of("ListJobsMethod", "CreateListGet", "ListPreflightMethod",
                "CreateListOptions", "GetJobMethod", "CreateJobGet", "JobPreflightMethod", "CreateJobOptions");
        assertEquals(Set.copyOf(TemplateBuildIT.METHOD_SWITCHES), Set.copyOf(switchOf.values()));
        switchOf.forEach((method, parameter) -> {
            JsonNode spec = TEMPLATE.root().path("Parameters").path(parameter);
            assertEquals("[\"true\",\"false\"]", spec.path("AllowedValues").toString(), parameter);
            assertEquals("true", TEMPLATE.parameterDefault(parameter), "a fresh API has none: " + parameter);
            String condition = TEMPLATE.root().path("Resources").path(method).path("Condition").asText();
            assertEquals(json("{\"Fn::Equals\":[{\"Ref\":\"" + parameter + "\"},\"true\"]}"),
                    TEMPLATE.root().path("Conditions").path(condition), method);
        });
        assertEquals("", TEMPLATE.parameterDefault("JobResourceId"), "a fresh API has no {id}: the stack creates it");

        SamTemplate fresh = TEMPLATE.forParameters(Map.of());
        assertEquals(Set.of("JobResource", "GetJobMethod", "JobPreflightMethod", "ListJobsMethod",
                "ListPreflightMethod"), apiResources(fresh));
        assertEquals("JobResource", fresh.properties("GetJobMethod").path("ResourceId").path("Ref").asText());

        SamTemplate adopted = TEMPLATE.forParameters(Map.of("JobResourceId", "xyz789", "CreateListGet", "false"));
        assertEquals(Set.of("GetJobMethod", "JobPreflightMethod", "ListPreflightMethod"), apiResources(adopted));
        for (String method : List.of("GetJobMethod", "JobPreflightMethod")) {
            assertEquals("JobResourceId", adopted.properties(method).path("ResourceId").path("Ref").asText(), method);
        }

        Map<String, String> nothing = new HashMap<>(Map.of("JobResourceId", "xyz789"));
        TemplateBuildIT.METHOD_SWITCHES.forEach(parameter -> nothing.put(parameter, "false"));
        SamTemplate none = TEMPLATE.forParameters(nothing);
        assertEquals(Set.of(), apiResources(none));
        for (String permission : List.of("GetJobInvokePermission", "ListJobsInvokePermission")) {
            assertFalse(none.properties(permission).isMissingNode(), "an existing method may be wired to the alias: "
                    + permission);
        }
    }

    @Test
    void theDefaultOriginsAreThePlatformsThree() {
        assertEquals("https://video.deepfoundai.com,https://admin.deepfoundai.com,http://localhost:5173",
                TEMPLATE.parameterDefault("AllowedOrigins"), "DESIGN.md section 6");
    }

    @Test
    void theTableHasTheKeyIndexAndTtlTheCodeAndTheIntegrationTestsUse() {
        JsonNode table = TEMPLATE.properties("JobsTable");
        assertEquals(JobsTable.nameFor("dev"), SamTemplate.resolve(table.path("TableName"), DEV));
        assertEquals(JobsTable.KEY, table.path("KeySchema").get(0).path("AttributeName").asText());
        JsonNode index = table.path("GlobalSecondaryIndexes").get(0);
        assertEquals(JobsTable.INDEX_BY_USER, index.path("IndexName").asText());
        assertEquals(JobsTable.INDEX_PARTITION, index.path("KeySchema").get(0).path("AttributeName").asText());
        assertEquals(JobsTable.INDEX_SORT, index.path("KeySchema").get(1).path("AttributeName").asText());
        assertEquals(JobsTable.TTL_ATTRIBUTE, table.path("TimeToLiveSpecification").path("AttributeName").asText());
        assertTrue(table.path("TimeToLiveSpecification").path("Enabled").asBoolean());
        assertTrue(table.path("PointInTimeRecoverySpecification").path("PointInTimeRecoveryEnabled").asBoolean());
        assertEquals("PAY_PER_REQUEST", table.path("BillingMode").asText());
        JsonNode resource = TEMPLATE.root().path("Resources").path("JobsTable");
        assertEquals("Retain", resource.path("DeletionPolicy").asText());
        assertEquals("Retain", resource.path("UpdateReplacePolicy").asText());
    }

    @Test
    void theAlarmsWatchExactlyTheMetricsAndDimensionsTheReaderEmits() {
        String service = TEMPLATE.properties("GetJobFunction").path("Environment").path("Variables")
                .path("POWERTOOLS_SERVICE_NAME").asText();

        JsonNode latency = TEMPLATE.properties("ReaderLatencyAlarm");
        assertMetric(latency, ReaderMetrics.LATENCY, service);
        assertEquals(5000, latency.path("Threshold").asInt(), "alarm on > 5 s; the metric is in milliseconds");
        assertEquals("GreaterThanThreshold", latency.path("ComparisonOperator").asText());

        JsonNode errorRate = TEMPLATE.properties("ReaderErrorRateAlarm");
        List<String> names = new ArrayList<>();
        for (JsonNode query : errorRate.path("Metrics")) {
            if (query.has("MetricStat")) {
                JsonNode metric = query.path("MetricStat").path("Metric");
                assertMetric(metric, metric.path("MetricName").asText(), service);
                names.add(metric.path("MetricName").asText());
            }
        }
        assertEquals(List.of(ReaderMetrics.REQUESTS, ReaderMetrics.SERVER_ERRORS), names);
        assertEquals(5, errorRate.path("Threshold").asInt(), "> 5 %");
        assertTrue(TEMPLATE.properties("FailureQueueAlarm").path("AlarmActions").toString().contains("AlarmTopicArn"));
        assertEquals("AWS/Lambda", TEMPLATE.properties("ProjectorErrorsAlarm").path("Namespace").asText());
    }

    @Test
    void theRuleAndTheArchiveMatchTheEventContract() {
        JsonNode rule = TEMPLATE.properties("ProjectorFunction").path("Events").path("JobStatusChanged");
        assertEquals("EventBridgeRule", rule.path("Type").asText());
        JsonNode pattern = rule.path("Properties").path("Pattern");
        List<String> detailTypes = new ArrayList<>();
        pattern.path("detail-type").forEach(type -> detailTypes.add(type.asText()));
        assertEquals(EventContract.DETAIL_TYPES, detailTypes, "ours and the platform's (DESIGN.md section 3)");
        assertEquals("EventSources", pattern.path("source").path("Ref").asText());
        assertEquals(String.join(",", EventContract.DEFAULT_SOURCES), TEMPLATE.parameterDefault("EventSources"));
        assertEquals(pattern, TEMPLATE.properties("JobEventsArchive").path("EventPattern"),
                "a replay must offer the rule exactly what it would have matched");
        assertTrue(rule.path("Properties").path("RetryPolicy").has("MaximumRetryAttempts"));
        assertEquals("FailureQueue", rule.path("Properties").path("DeadLetterConfig").path("Arn")
                .path("Fn::GetAtt").get(0).asText());
        JsonNode onFailure = TEMPLATE.properties("ProjectorFunction").path("EventInvokeConfig")
                .path("DestinationConfig").path("OnFailure");
        assertEquals("FailureQueue", onFailure.path("Destination").path("Fn::GetAtt").get(0).asText());
        assertEquals(14 * 24 * 3600, TEMPLATE.properties("FailureQueue").path("MessageRetentionPeriod").asInt());
    }

    @Test
    void policiesGrantOnlyWhatEachFunctionCalls() {
        assertEquals(Set.of("dynamodb:GetItem", "dynamodb:UpdateItem"), actions("ProjectorFunction"));
        assertEquals(Set.of("dynamodb:GetItem", "dynamodb:Query"), actions("GetJobFunction"));
        String all = TEMPLATE.root().path("Resources").toString();
        assertFalse(all.contains("\"*\""), "no wildcard actions or resources");
        assertFalse(all.contains("dynamodb:*"));
    }

    @Test
    void theGatewaysOwn401And403CarryTheSharedErrorBodyAndAreOptIn() {
        var errorSchema = JsonSchemas.load(JsonSchemas.ERROR);
        for (String response : List.of("UnauthorizedGatewayResponse", "AccessDeniedGatewayResponse")) {
            assertEquals("GatewayResponsesEnabled",
                    TEMPLATE.root().path("Resources").path(response).path("Condition").asText());
            JsonNode properties = TEMPLATE.properties(response);
            String body = properties.path("ResponseTemplates").path("application/json").asText()
                    .replace("$context.requestId", "req-1");
            assertEquals(List.of(), errorSchema.validate(json(body)).stream().map(Object::toString).toList(), body);
            assertEquals(json(body).path("message"), json(body).path("error"), body);
            assertEquals("'Origin'", properties.path("ResponseParameters").path("gatewayresponse.header.Vary").asText());
            assertTrue(properties.path("ResponseParameters").has("gatewayresponse.header.Access-Control-Allow-Origin"));
        }
        assertEquals("false", TEMPLATE.parameterDefault("EnableGatewayResponses"));
    }

    private static void assertMetric(JsonNode metric, String name, String service) {
        assertEquals(Telemetry.NAMESPACE, metric.path("Namespace").asText());
        assertEquals(name, metric.path("MetricName").asText());
        JsonNode dimensions = metric.path("Dimensions");
        assertEquals(List.of(Telemetry.SERVICE_DIMENSION, Telemetry.STAGE_DIMENSION),
                StreamSupport.stream(dimensions.spliterator(), false).map(d -> d.path("Name").asText()).toList());
        assertEquals(service, dimensions.get(0).path("Value").asText());
        assertEquals("Stage", dimensions.get(1).path("Value").path("Ref").asText());
    }

    /** The API Gateway resources and methods the template adds to the existing API. */
    private static Set<String> apiResources(SamTemplate template) {
        Set<String> ids = new HashSet<>();
        template.root().path("Resources").properties().forEach(resource -> {
            String type = resource.getValue().path("Type").asText();
            if (type.equals("AWS::ApiGateway::Method") || type.equals("AWS::ApiGateway::Resource")) {
                ids.add(resource.getKey());
            }
        });
        return ids;
    }

    static Set<String> actions(String function) {
        Set<String> actions = new HashSet<>();
        for (JsonNode policy : TEMPLATE.properties(function).path("Policies")) {
            for (JsonNode statement : policy.path("Statement")) {
                statement.path("Action").forEach(a -> actions.add(a.asText()));
            }
        }
        return actions;
    }

    static Set<String> variables(String function) {
        return fieldNames(TEMPLATE.properties(function).path("Environment").path("Variables"));
    }

    static Set<String> fieldNames(JsonNode object) {
        Set<String> names = new HashSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(text, e);
        }
    }
}
