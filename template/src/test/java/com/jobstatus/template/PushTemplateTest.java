package com.jobstatus.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.jobstatus.auth.AuthorizerConfig;
import com.jobstatus.auth.AuthorizerHandler;
import com.jobstatus.connections.Connection;
import com.jobstatus.connections.ConnectionsConfig;
import com.jobstatus.connections.ConnectionsHandler;
import com.jobstatus.connections.ConnectionsTable;
import com.jobstatus.push.PushConfig;
import com.jobstatus.push.PushHandler;
import com.jobstatus.push.PushMetrics;
import com.jobstatus.runtime.Telemetry;
import com.jobstatus.store.JobsTable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Holds the real-time push part of template.yaml (WebSocket API, its functions, the stream) and its code together. */
class PushTemplateTest {

    private static final SamTemplate TEMPLATE = SamTemplate.load();
    private static final TemplateValues DEV = TEMPLATE.values(Map.of("Stage", "dev"));
    private static final Map<String, Class<?>> FUNCTIONS = Map.of(
            "WsAuthorizerFunction", AuthorizerHandler.class,
            "ConnectionsFunction", ConnectionsHandler.class,
            "PushFunction", PushHandler.class);

    @Test
    void eachFunctionsHandlerIsTheRealClassWithANoArgumentConstructorASnapStartHookAndItsOwnZip() throws Exception {
        for (var function : FUNCTIONS.entrySet()) {
            JsonNode properties = TEMPLATE.properties(function.getKey());
            Class<?> type = Class.forName(TEMPLATE.handlerClass(function.getKey()));
            assertEquals(function.getValue(), type);
            assertTrue(RequestStreamHandler.class.isAssignableFrom(type));
            assertTrue(hasPriming(type), "no SnapStart priming: " + type);
            assertFalse(org.crac.Resource.class.isAssignableFrom(type),
                    "org.crac holds its resources weakly: priming is registered through runtime's SnapStart");
            type.getConstructor();
            String module = type.getPackageName().substring("com.jobstatus.".length());
            assertEquals(module + "/target/" + module + "-lambda.zip", properties.path("CodeUri").asText());
        }
        assertEquals("WsAuthorizerFn-dev", DEV.text(TEMPLATE.properties("WsAuthorizerFunction").path("FunctionName")));
        assertEquals("ConnectionsFn-dev", DEV.text(TEMPLATE.properties("ConnectionsFunction").path("FunctionName")));
        assertEquals("PushFn-dev", DEV.text(TEMPLATE.properties("PushFunction").path("FunctionName")));
    }

    /** A function's priming is a class of its own beside the handler (XPriming), which its wiring registers with SnapStart. */
    private static boolean hasPriming(Class<?> handler) {
        try {
            Class.forName(handler.getName().replaceAll("Handler$", "Priming"));
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    @Test
    void eachFunctionGetsExactlyTheEnvironmentVariablesItsCodeReads() {
        Set<String> global = TemplateTest.fieldNames(TEMPLATE.root().path("Globals").path("Function").path("Environment").path("Variables"));
        global.remove("JAVA_TOOL_OPTIONS"); // read by the JVM, not by our code
        assertEquals(Set.copyOf(AuthorizerConfig.VARIABLES), TemplateTest.union(global, TemplateTest.variables("WsAuthorizerFunction")));
        assertEquals(Set.copyOf(ConnectionsConfig.VARIABLES), TemplateTest.union(global, TemplateTest.variables("ConnectionsFunction")));
        assertEquals(Set.copyOf(PushConfig.VARIABLES), TemplateTest.union(global, TemplateTest.variables("PushFunction")));
        assertTrue(TEMPLATE.properties("PushFunction").path("Environment").path("Variables").path("CONNECTIONS_ENDPOINT")
                .path("Fn::Sub").asText().endsWith("amazonaws.com/${Stage}"), "the management API is at the stage");
    }

    @Test
    void theTablesHaveTheKeysIndexesStreamAndTtlTheCodeUses() {
        JsonNode jobs = TEMPLATE.properties("JobsTable");
        assertEquals(JobsTable.STREAM_VIEW_TYPE.toString(), jobs.path("StreamSpecification").path("StreamViewType").asText());
        JsonNode table = TEMPLATE.properties("ConnectionsTable");
        assertEquals(ConnectionsTable.nameFor("dev"), DEV.text(table.path("TableName")));
        assertEquals(ConnectionsTable.KEY, table.path("KeySchema").get(0).path("AttributeName").asText());
        JsonNode index = table.path("GlobalSecondaryIndexes").get(0);
        assertEquals(ConnectionsTable.INDEX_BY_USER, index.path("IndexName").asText());
        assertEquals(ConnectionsTable.INDEX_PARTITION, index.path("KeySchema").get(0).path("AttributeName").asText());
        assertEquals(ConnectionsTable.TTL_ATTRIBUTE, table.path("TimeToLiveSpecification").path("AttributeName").asText());
        assertTrue(table.path("TimeToLiveSpecification").path("Enabled").asBoolean());
        assertEquals(Duration.ofHours(2), Connection.MAX_DURATION, "API Gateway's connection limit");
    }

    @Test
    void connectNeedsTheTokenAuthorizerAndEveryIntegrationInvokesAnAlias() {
        JsonNode connect = TEMPLATE.properties("ConnectRoute");
        assertEquals("$connect", connect.path("RouteKey").asText());
        assertEquals("CUSTOM", connect.path("AuthorizationType").asText());
        assertEquals("WsAuthorizer", connect.path("AuthorizerId").path("Ref").asText());
        JsonNode authorizer = TEMPLATE.properties("WsAuthorizer");
        assertEquals("REQUEST", authorizer.path("AuthorizerType").asText());
        assertEquals("route.request.querystring.token", authorizer.path("IdentitySource").get(0).asText());
        assertTrue(authorizer.path("AuthorizerUri").path("Fn::Sub").asText().contains("${WsAuthorizerFunction.Alias}"));
        assertTrue(TEMPLATE.properties("ConnectionsIntegration").path("IntegrationUri").path("Fn::Sub").asText()
                .contains("${ConnectionsFunction.Alias}"), "SnapStart does nothing for $LATEST");
        assertEquals("$disconnect", TEMPLATE.properties("DisconnectRoute").path("RouteKey").asText());
        assertEquals("MOCK", TEMPLATE.properties("IgnoreMessagesIntegration").path("IntegrationType").asText());
        assertEquals("WEBSOCKET", TEMPLATE.properties("WebSocketApi").path("ProtocolType").asText());
    }

    @Test
    void theStreamMappingRetriesBoundedlyReportsPartialFailuresAndKeepsItsFailuresInTheQueue() {
        JsonNode mapping = TEMPLATE.properties("PushStreamMapping");
        assertEquals("PushFunction.Alias", mapping.path("FunctionName").path("Ref").asText());
        assertEquals(List.of("JobsTable", "StreamArn"), List.of(mapping.path("EventSourceArn").path("Fn::GetAtt").get(0).asText(),
                mapping.path("EventSourceArn").path("Fn::GetAtt").get(1).asText()));
        assertEquals("ReportBatchItemFailures", mapping.path("FunctionResponseTypes").get(0).asText());
        assertTrue(mapping.path("BisectBatchOnFunctionError").asBoolean());
        assertTrue(mapping.path("MaximumRetryAttempts").asInt() > 0);
        assertEquals(0, mapping.path("MaximumBatchingWindowInSeconds").asInt(), "latency first");
        assertEquals("PushFailureQueue", mapping.path("DestinationConfig").path("OnFailure").path("Destination")
                .path("Fn::GetAtt").get(0).asText());
        assertEquals("{\"eventName\": [\"INSERT\", \"MODIFY\"]}",
                mapping.path("FilterCriteria").path("Filters").get(0).path("Pattern").asText());
    }

    @Test
    void policiesGrantOnlyWhatEachFunctionCallsOnItsOwnResources() {
        assertEquals(Set.of(), TemplateTest.actions("WsAuthorizerFunction"));
        assertEquals(Set.of("dynamodb:PutItem", "dynamodb:DeleteItem"), TemplateTest.actions("ConnectionsFunction"));
        assertEquals(Set.of("dynamodb:Query", "dynamodb:DeleteItem", "execute-api:ManageConnections",
                "dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams",
                "sqs:SendMessage"), TemplateTest.actions("PushFunction"));
        String push = TEMPLATE.properties("PushFunction").path("Policies").toString();
        assertTrue(push.contains("${WebSocketApi}/${Stage}/POST/@connections/*"), push);
        assertTrue(push.contains("\"JobsTable\",\"StreamArn\""), push);
        assertFalse(push.contains("\"Resource\":\"*\""));
    }

    @Test
    void theAlarmsWatchPushFnAndTheMetricItEmitsForUnreadableItems() {
        String service = TEMPLATE.properties("PushFunction").path("Environment").path("Variables")
                .path("POWERTOOLS_SERVICE_NAME").asText();
        JsonNode unreadable = TEMPLATE.properties("PushUnreadableItemsAlarm");
        assertEquals(Telemetry.NAMESPACE, unreadable.path("Namespace").asText());
        assertEquals(PushMetrics.UNREADABLE, unreadable.path("MetricName").asText());
        JsonNode dimensions = unreadable.path("Dimensions");
        assertEquals(Telemetry.SERVICE_DIMENSION, dimensions.get(0).path("Name").asText());
        assertEquals(service, dimensions.get(0).path("Value").asText());
        assertEquals(Telemetry.STAGE_DIMENSION, dimensions.get(1).path("Name").asText());
        for (String alarm : List.of("PushErrorsAlarm", "PushIteratorAgeAlarm")) {
            JsonNode properties = TEMPLATE.properties(alarm);
            assertEquals("AWS/Lambda", properties.path("Namespace").asText());
            assertEquals("PushFunction", properties.path("Dimensions").get(0).path("Value").path("Ref").asText(), alarm);
        }
        assertEquals("IteratorAge", TEMPLATE.properties("PushIteratorAgeAlarm").path("MetricName").asText());
        assertEquals("PushFailureQueue", TEMPLATE.properties("PushFailureQueueAlarm").path("Dimensions").get(0)
                .path("Value").path("Fn::GetAtt").get(0).asText());
    }
}
