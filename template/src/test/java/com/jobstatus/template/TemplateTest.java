package com.jobstatus.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.jobstatus.projector.ProjectorConfig;
import com.jobstatus.push.PushMetrics;
import com.jobstatus.reader.Cors;
import com.jobstatus.reader.ReaderConfig;
import com.jobstatus.reader.ReaderMetrics;
import com.jobstatus.runtime.Telemetry;
import com.jobstatus.schemas.EventContract;
import com.jobstatus.schemas.Json;
import com.jobstatus.schemas.JsonSchemas;
import com.jobstatus.store.JobsTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Holds template.yaml and the code it deploys together: a rename on either side fails here, not in AWS. */
class TemplateTest {

    private static final SamTemplate TEMPLATE = SamTemplate.load();
    private static final TemplateValues DEV = TEMPLATE.values(Map.of("Stage", "dev"));
    private static final Map<String, Class<?>> FUNCTIONS = Map.of(
            "ProjectorFunction", com.jobstatus.projector.ProjectorHandler.class,
            "GetJobFunction", com.jobstatus.reader.GetJobHandler.class);

    @Test
    void eachFunctionsHandlerIsTheRealHandlerClassWithANoArgumentConstructorAndASnapStartHook() throws Exception {
        for (var function : FUNCTIONS.entrySet()) {
            Class<?> type = Class.forName(TEMPLATE.handlerClass(function.getKey()));
            assertEquals(function.getValue(), type);
            assertTrue(RequestStreamHandler.class.isAssignableFrom(type) || RequestHandler.class.isAssignableFrom(type));
            assertTrue(hasSnapStartPriming(type), "no SnapStart priming hook: " + type);
            type.getConstructor();
        }
    }

    @Test
    void aHandlerIsItsClassWithOrWithoutHandleRequestAndNoOtherMethod(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("template.yaml");
        Files.writeString(file, """
                Resources:
                  ByClass: {Type: AWS::Serverless::Function, Properties: {Handler: com.example.Fn}}
                  ByMethod: {Type: AWS::Serverless::Function, Properties: {Handler: com.example.Fn::handleRequest}}
                  OtherMethod: {Type: AWS::Serverless::Function, Properties: {Handler: com.example.Fn::run}}
                """);
        SamTemplate template = SamTemplate.load(file);

        assertEquals("com.example.Fn", template.handlerClass("ByClass"));
        assertEquals("com.example.Fn", template.handlerClass("ByMethod"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> template.handlerClass("OtherMethod"));
        assertTrue(e.getMessage().contains("com.example.Fn::run"), e.getMessage());
    }

    /**
     * A SnapStart hook: the handler is a CRaC resource itself, or (docs/DESIGN.md §10, one priming class per function)
     * its package has the {@code XPriming} its wiring registers through {@code runtime/SnapStart}.
     */
    static boolean hasSnapStartPriming(Class<?> handler) {
        if (org.crac.Resource.class.isAssignableFrom(handler)) {
            return true;
        }
        try {
            Class.forName(handler.getName().replaceFirst("Handler$", "Priming")).getDeclaredMethod("run");
            return true;
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            return false;
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
        assertEquals("ProjectorFn-dev", DEV.text(TEMPLATE.properties("ProjectorFunction").path("FunctionName")));
        assertEquals("GetJobFn-dev", DEV.text(TEMPLATE.properties("GetJobFunction").path("FunctionName")));
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

    /** docs/DESIGN.md §7: what the stack adds on paths the existing API may have already is switchable. */
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
                TEMPLATE.parameterDefault("AllowedOrigins"), "docs/DESIGN.md §6");
    }

    @Test
    void theTableHasTheKeyIndexAndTtlTheCodeAndTheIntegrationTestsUse() {
        JsonNode table = TEMPLATE.properties("JobsTable");
        assertEquals(JobsTable.nameFor("dev"), DEV.text(table.path("TableName")));
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
        // preflights are counted apart (ReaderMetrics.PREFLIGHTS): they never fail and would dilute the rate
        assertEquals(List.of(ReaderMetrics.REQUESTS, ReaderMetrics.SERVER_ERRORS), names);
        assertEquals(5, errorRate.path("Threshold").asInt(), "> 5 %");
        assertTrue(TEMPLATE.properties("FailureQueueAlarm").path("AlarmActions").toString().contains("AlarmTopicArn"));
        assertEquals("AWS/Lambda", TEMPLATE.properties("ProjectorErrorsAlarm").path("Namespace").asText());
    }

    /**
     * Throttles, timeouts and crashes emit nothing of ours (a crashed invocation flushes no EMF line): only Lambda's
     * own metrics see them. Every function of the template, those of later sections too, has both.
     */
    @Test
    void everyFunctionHasAnAlarmOnLambdasOwnErrorsAndOneOnItsThrottles() {
        Set<String> functions = resourcesOfType(TEMPLATE, "AWS::Serverless::Function");
        assertTrue(functions.containsAll(FUNCTIONS.keySet()), functions.toString());
        for (String function : functions) {
            for (String metric : List.of("Errors", "Throttles")) {
                assertFalse(alarmsWatching("AWS/Lambda", metric, function).isEmpty(),
                        function + " has no alarm on AWS/Lambda " + metric);
            }
        }
    }

    /**
     * EventBridge invokes the projector asynchronously: an event Lambda gives up on (retries or age used up) is
     * counted in AsyncEventsDropped, and one it then cannot hand to the failure queue in
     * DestinationDeliveryFailures: that one is nowhere but in the archive.
     */
    @Test
    void theProjectorsAsynchronousInvocationsAreWatchedForDroppedEventsAndFailedDeliveries() {
        for (String metric : List.of("AsyncEventsDropped", "DestinationDeliveryFailures")) {
            assertFalse(alarmsWatching("AWS/Lambda", metric, "ProjectorFunction").isEmpty(), metric);
        }
    }

    /**
     * Every metric any alarm watches, directly or in metric math, is one something emits with exactly those
     * dimensions: ours (namespace JobStatus) by the function whose {@code POWERTOOLS_SERVICE_NAME} the Service
     * dimension names, among the names its code emits; Lambda's by function name (all versions and aliases: the
     * alias is the only caller, and an invocation of anything else is worth seeing too); SQS's by queue name.
     * And every alarm says what missing data means and tells the topic both ways.
     */
    @Test
    void everyAlarmWatchesAMetricThatIsEmittedWithExactlyTheDimensionsItIsEmittedWith() {
        Map<String, List<String>> emittedByService = new HashMap<>();
        EMITTED.forEach((function, names) -> emittedByService.put(TEMPLATE.properties(function).path("Environment")
                .path("Variables").path("POWERTOOLS_SERVICE_NAME").asText(), names));
        Set<String> functions = resourcesOfType(TEMPLATE, "AWS::Serverless::Function");
        Set<String> queues = resourcesOfType(TEMPLATE, "AWS::SQS::Queue");
        Set<String> alarms = resourcesOfType(TEMPLATE, "AWS::CloudWatch::Alarm");
        assertFalse(alarms.isEmpty());
        for (String alarm : alarms) {
            JsonNode properties = TEMPLATE.properties(alarm);
            assertTrue(Set.of("notBreaching", "breaching", "ignore", "missing")
                    .contains(properties.path("TreatMissingData").asText()), alarm + " must say what missing data means");
            for (String actions : List.of("AlarmActions", "OKActions")) {
                assertEquals("[{\"Ref\":\"AlarmTopicArn\"}]", properties.path(actions).toString(), alarm + " " + actions);
            }
            List<JsonNode> metrics = metricsOf(properties);
            assertFalse(metrics.isEmpty(), alarm);
            for (JsonNode metric : metrics) {
                String name = metric.path("MetricName").asText();
                List<String> dimensions = new ArrayList<>();
                metric.path("Dimensions").forEach(d -> dimensions.add(d.path("Name").asText()));
                JsonNode first = metric.path("Dimensions").path(0).path("Value");
                String where = alarm + " watches " + metric.path("Namespace").asText() + " " + name;
                switch (metric.path("Namespace").asText()) {
                    case Telemetry.NAMESPACE -> {
                        assertMetric(metric, name, first.asText());
                        assertTrue(emittedByService.containsKey(first.asText()), where + ": no function has service "
                                + first);
                        assertTrue(emittedByService.get(first.asText()).contains(name), where + ": its code does not emit it");
                    }
                    case "AWS/Lambda" -> {
                        assertEquals(List.of("FunctionName"), dimensions, where);
                        assertTrue(functions.contains(first.path("Ref").asText()), where + ": not a function of the template");
                        assertTrue(LAMBDA_METRICS.contains(name), where + ": not a metric Lambda publishes");
                    }
                    case "AWS/SQS" -> {
                        assertEquals(List.of("QueueName"), dimensions, where);
                        assertTrue(queues.contains(first.path("Fn::GetAtt").path(0).asText()), where);
                        assertEquals("QueueName", first.path("Fn::GetAtt").path(1).asText(), where);
                    }
                    default -> throw new AssertionError(where + ": a namespace this test does not know");
                }
            }
        }
    }

    /**
     * A replay burst must not throttle the table, nor take the account's unreserved concurrency GetJobFn runs on
     * (README "Deploy"). Throttled asynchronous invocations wait in Lambda's queue, so the cap loses nothing.
     */
    @Test
    void theProjectorRunsOnAReservedConcurrencyTheDeploymentChooses() {
        assertEquals("ProjectorReservedConcurrency",
                TEMPLATE.properties("ProjectorFunction").path("ReservedConcurrentExecutions").path("Ref").asText());
        JsonNode parameter = TEMPLATE.root().path("Parameters").path("ProjectorReservedConcurrency");
        assertEquals("Number", parameter.path("Type").asText());
        assertEquals("10", TEMPLATE.parameterDefault("ProjectorReservedConcurrency"));
        assertEquals(1, parameter.path("MinValue").asInt(), "0 would stop the projector altogether");
        assertTrue(TEMPLATE.properties("GetJobFunction").path("ReservedConcurrentExecutions").isMissingNode(),
                "the reader scales with its users on the account's unreserved pool");
        assertTrue(TEMPLATE.properties("ProjectorFunction").path("EventInvokeConfig").path("MaximumEventAgeInSeconds")
                .asInt() >= 3600, "throttled events wait in Lambda's queue up to this age");
    }

    /**
     * Replay reaches what the table keeps: the projector writes an event only while it is younger than JobTtlDays,
     * so the archive keeps each event that long plus a margin for a replay to run in (docs/DESIGN.md §7).
     * The retention is looked up from JobTtlDays itself, so the two cannot drift apart; and like the table and the
     * failure queue, the archive outlives the stack.
     */
    @Test
    void theArchiveKeepsEventsForJobTtlDaysPlusAMarginAndOutlivesTheStack() {
        JsonNode ttl = TEMPLATE.root().path("Parameters").path("JobTtlDays");
        List<Integer> allowed = new ArrayList<>();
        ttl.path("AllowedValues").forEach(value -> allowed.add(value.asInt()));
        assertFalse(allowed.isEmpty(), "JobTtlDays takes the values the retention table has");
        assertTrue(allowed.contains(30) && "30".equals(TEMPLATE.parameterDefault("JobTtlDays")), "docs/DESIGN.md §5");
        assertTrue(allowed.stream().allMatch(days -> days >= 1 && days <= 365), "what JOB_TTL_DAYS accepts: " + allowed);

        JsonNode resource = TEMPLATE.root().path("Resources").path("JobEventsArchive");
        assertEquals(json("{\"Fn::FindInMap\":[\"ArchiveRetention\",{\"Ref\":\"JobTtlDays\"},\"RetentionDays\"]}"),
                resource.path("Properties").path("RetentionDays"));
        JsonNode table = TEMPLATE.root().path("Mappings").path("ArchiveRetention");
        assertEquals(allowed.stream().map(String::valueOf).collect(Collectors.toCollection(TreeSet::new)),
                new TreeSet<>(fieldNames(table)), "one row per value JobTtlDays may take");
        for (int days : allowed) {
            assertEquals(days + ARCHIVE_MARGIN_DAYS, table.path(String.valueOf(days)).path("RetentionDays").asInt(),
                    "JobTtlDays " + days);
        }
        assertEquals("Retain", resource.path("DeletionPolicy").asText());
        assertEquals("Retain", resource.path("UpdateReplacePolicy").asText());
    }

    @Test
    void theRuleAndTheArchiveMatchTheEventContract() {
        JsonNode rule = TEMPLATE.properties("ProjectorFunction").path("Events").path("JobStatusChanged");
        assertEquals("EventBridgeRule", rule.path("Type").asText());
        JsonNode pattern = rule.path("Properties").path("Pattern");
        List<String> detailTypes = new ArrayList<>();
        pattern.path("detail-type").forEach(type -> detailTypes.add(type.asText()));
        assertEquals(EventContract.DETAIL_TYPES, detailTypes, "ours and the platform's (docs/DESIGN.md §3)");
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

    /**
     * API Gateway's own answers (the authorizer's 401, 403 for a route it does not have, its throttling, any other
     * 4xx or 5xx of its own) carry CORS headers for every allowed origin, so a browser lets the frontend read them
     * ("sign in again" rather than "offline"), and the shared error body. On by default; a switch, because they
     * apply to the whole existing API. docs/DESIGN.md §6 says why the origin is echoed.
     */
    @Test
    void theGatewaysOwnErrorsCarryCorsForEveryAllowedOriginAndTheSharedErrorBodyByDefault() {
        assertEquals("true", TEMPLATE.parameterDefault("EnableGatewayResponses"));
        assertEquals("[\"true\",\"false\"]", TEMPLATE.root().path("Parameters").path("EnableGatewayResponses")
                .path("AllowedValues").toString());
        var errorSchema = JsonSchemas.load(JsonSchemas.ERROR);
        Map<String, String> codes = new HashMap<>();
        for (String response : resourcesOfType(TEMPLATE, "AWS::ApiGateway::GatewayResponse")) {
            assertEquals("GatewayResponsesEnabled",
                    TEMPLATE.root().path("Resources").path(response).path("Condition").asText(), response);
            JsonNode properties = TEMPLATE.properties(response);
            assertFalse(properties.has("StatusCode"),
                    response + ": each type keeps its own status (DEFAULT_4XX stands for 400, 403, 404, 413, 415 ...)");
            JsonNode headers = properties.path("ResponseParameters");
            assertEquals("method.request.header.Origin",
                    headers.path("gatewayresponse.header.Access-Control-Allow-Origin").asText(), response);
            assertEquals("'Origin'", headers.path("gatewayresponse.header.Vary").asText(), response);
            assertEquals("'" + Cors.EXPOSE_HEADERS + "'",
                    headers.path("gatewayresponse.header.Access-Control-Expose-Headers").asText(),
                    response + ": what the function exposes, Retry-After included");
            assertEquals("'application/json'", headers.path("gatewayresponse.header.Content-Type").asText(), response);
            assertFalse(headers.toString().contains("Allow-Credentials"),
                    response + ": an echoed origin is safe only without credentials");

            String template = properties.path("ResponseTemplates").path("application/json").asText();
            // as API Gateway fills them in: messageString is the message as a quoted JSON string
            String body = template.replace("$context.error.messageString", "\"Missing \\\"quoted\\\" token\"")
                    .replace("$context.requestId", "req-1");
            JsonNode parsed = json(body);
            assertEquals(List.of(), errorSchema.validate(parsed).stream().map(Object::toString).toList(), body);
            assertEquals("Missing \"quoted\" token", parsed.path("message").asText(), "API Gateway's own message: " + body);
            assertEquals(parsed.path("message"), parsed.path("error"), body);
            assertEquals("req-1", parsed.path("requestId").asText(), body);
            codes.put(properties.path("ResponseType").asText(), parsed.path("code").asText());
        }
        assertEquals(Map.of("UNAUTHORIZED", "UNAUTHORIZED", "ACCESS_DENIED", "UNAUTHORIZED",
                "MISSING_AUTHENTICATION_TOKEN", "NOT_FOUND", "THROTTLED", "THROTTLED", "QUOTA_EXCEEDED", "THROTTLED",
                "DEFAULT_4XX", "BAD_REQUEST", "DEFAULT_5XX", "INTERNAL"), codes);
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

    /** Days the archive keeps an event beyond JobTtlDays: the time a replay may take (docs/DESIGN.md §7). */
    private static final int ARCHIVE_MARGIN_DAYS = 5;
    /** Each function's metric names in namespace JobStatus, by its logical id: what its code emits. */
    private static final Map<String, List<String>> EMITTED = Map.of("GetJobFunction", ReaderMetrics.NAMES,
            "PushFunction", PushMetrics.NAMES);
    /** The AWS/Lambda metrics the alarms may watch (Lambda's documented per-function metrics). */
    private static final Set<String> LAMBDA_METRICS = Set.of("Invocations", "Errors", "Throttles", "Duration",
            "IteratorAge", "AsyncEventsReceived", "AsyncEventAge", "AsyncEventsDropped", "DestinationDeliveryFailures",
            "DeadLetterErrors", "ConcurrentExecutions");

    /** The alarms with a metric of this namespace and name on this function (its FunctionName dimension). */
    static List<String> alarmsWatching(String namespace, String metricName, String function) {
        List<String> alarms = new ArrayList<>();
        for (String alarm : resourcesOfType(TEMPLATE, "AWS::CloudWatch::Alarm")) {
            for (JsonNode metric : metricsOf(TEMPLATE.properties(alarm))) {
                if (metric.path("Namespace").asText().equals(namespace)
                        && metric.path("MetricName").asText().equals(metricName)
                        && metric.path("Dimensions").toString().contains("{\"Ref\":\"" + function + "\"}")) {
                    alarms.add(alarm);
                }
            }
        }
        return alarms;
    }

    /** An alarm's metrics: the one it watches, or each one its metric math reads. */
    static List<JsonNode> metricsOf(JsonNode alarm) {
        List<JsonNode> metrics = new ArrayList<>();
        if (alarm.has("MetricName")) {
            metrics.add(alarm);
        }
        for (JsonNode query : alarm.path("Metrics")) {
            if (query.has("MetricStat")) {
                metrics.add(query.path("MetricStat").path("Metric"));
            }
        }
        return metrics;
    }

    static Set<String> resourcesOfType(SamTemplate template, String type) {
        Set<String> ids = new TreeSet<>();
        template.root().path("Resources").properties().forEach(resource -> {
            if (type.equals(resource.getValue().path("Type").asText())) {
                ids.add(resource.getKey());
            }
        });
        return ids;
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
