package com.jobstatus.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jobstatus.projector.ProjectorConfig;
import com.jobstatus.reader.ReaderConfig;
import com.jobstatus.schemas.EventContract;
import com.jobstatus.schemas.Json;
import com.jobstatus.store.JobsTable;
import com.jobstatus.template.SamTemplate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local stack reads what the template declares; a template change shows here first. */
class LocalTemplateTest {

    private static final SamTemplate TEMPLATE = SamTemplate.load();
    private static final LocalTemplate DEV = LocalTemplate.of(TEMPLATE, Map.of(), "us-east-1", "123456789012");
    /** docs/DESIGN.md §6: the platform's user app, its admin app, and the frontend's dev server. */
    private static final List<String> PLATFORM_ORIGINS = List.of("https://video.deepfoundai.com",
            "https://admin.deepfoundai.com", "http://localhost:5173");

    @Test
    void theRoutesAreTheTemplatesMethodsWithCognitoOnTheGetsOnly() {
        assertEquals(Set.of(
                        new Route("GET", "/v1/jobs/{id}", true, LocalTemplate.READER),
                        new Route("OPTIONS", "/v1/jobs/{id}", false, LocalTemplate.READER),
                        new Route("GET", "/v1/jobs", true, LocalTemplate.READER),
                        new Route("OPTIONS", "/v1/jobs", false, LocalTemplate.READER)),
                Set.copyOf(DEV.routes()));
    }

    @Test
    void aMethodSwitchedOffIsNotThereAndAnAdoptedIdResourceServesTheSamePath() {
        LocalTemplate busy = LocalTemplate.of(TEMPLATE, Map.of("CreateListGet", "false", "CreateListOptions", "false",
                "JobResourceId", "xyz789"), "us-east-1", "123456789012");
        assertEquals(Set.of(
                        new Route("GET", "/v1/jobs/{id}", true, LocalTemplate.READER),
                        new Route("OPTIONS", "/v1/jobs/{id}", false, LocalTemplate.READER)),
                Set.copyOf(busy.routes()));

        LocalTemplate none = LocalTemplate.of(TEMPLATE, Map.of("CreateJobGet", "false", "CreateJobOptions", "false",
                "CreateListGet", "false", "CreateListOptions", "false"), "us-east-1", "123456789012");
        assertEquals(List.of(), none.routes());
    }

    @Test
    void namesAndSettingsAreTheTemplatesForStageDev() throws Exception {
        assertEquals("dev", DEV.stage());
        assertEquals(JobsTable.nameFor("dev"), DEV.tableName());
        assertEquals("JobStatusFailures-dev", DEV.failureQueueName());
        assertEquals("job-events", DEV.eventBusName());
        assertEquals("JobStatusChanged-dev", DEV.ruleName());
        assertEquals(EventContract.DEFAULT_SOURCES, DEV.eventSources());
        assertEquals(EventContract.DETAIL_TYPE, DEV.detailType());
        assertEquals(Json.MAPPER.valueToTree(Map.of("source", EventContract.DEFAULT_SOURCES,
                "detail-type", EventContract.DETAIL_TYPES)), DEV.eventPattern());
        assertEquals(PLATFORM_ORIGINS, DEV.allowedOrigins());
        assertEquals("ProjectorFn-dev", DEV.functionName(LocalTemplate.PROJECTOR));
        assertEquals(3, DEV.asyncAttempts(LocalTemplate.PROJECTOR), "1 + MaximumRetryAttempts 2");
        assertEquals(30, DEV.functionTimeoutSeconds(LocalTemplate.PROJECTOR));
        assertEquals("v1", DEV.apiStageName());
    }

    @Test
    void eachFunctionGetsTheVariablesItsCodeReadsResolvedForTheLocalResources() {
        Map<String, String> resources = Map.of("JobsTable", "Jobs-dev", "FailureQueue", "http://queue");
        Map<String, String> projector = DEV.environment(LocalTemplate.PROJECTOR, resources);
        assertEquals(Set.copyOf(ProjectorConfig.VARIABLES), projector.keySet());
        assertEquals("Jobs-dev", projector.get("JOBS_TABLE_NAME"));
        assertEquals("http://queue", projector.get("FAILURE_QUEUE_URL"));
        assertEquals(String.join(",", EventContract.DEFAULT_SOURCES), projector.get("EVENT_SOURCES"));
        assertEquals("30", projector.get("JOB_TTL_DAYS"));
        assertEquals("dev", projector.get("STAGE"));
        Map<String, String> reader = DEV.environment(LocalTemplate.READER, resources);
        assertEquals(Set.copyOf(ReaderConfig.VARIABLES), reader.keySet());
        assertEquals(String.join(",", PLATFORM_ORIGINS), reader.get("ALLOWED_ORIGINS"));
    }

    @Test
    void overridesAreCheckedAsCloudFormationChecksThem() {
        LocalTemplate local = LocalTemplate.of(TEMPLATE,
                Map.of("AllowedOrigins", "http://localhost:5173,https://app.example.com", "EventSources", "a.b, c.d"),
                "us-east-1", "123456789012");
        assertEquals(List.of("http://localhost:5173", "https://app.example.com"), local.allowedOrigins());
        assertEquals(List.of("a.b", "c.d"), local.eventSources());
        assertEquals("a.b,c.d", local.environment(LocalTemplate.PROJECTOR,
                Map.of("JobsTable", "t", "FailureQueue", "q")).get("EVENT_SOURCES"));

        IllegalArgumentException stage = assertThrows(IllegalArgumentException.class,
                () -> LocalTemplate.of(TEMPLATE, Map.of("Stage", "qa"), "us-east-1", "123456789012"));
        assertTrue(stage.getMessage().contains("Stage") && stage.getMessage().contains("[dev, prod]"), stage.getMessage());
        IllegalArgumentException origin = assertThrows(IllegalArgumentException.class,
                () -> LocalTemplate.of(TEMPLATE, Map.of("AllowedOrigins", "*"), "us-east-1", "123456789012"));
        assertTrue(origin.getMessage().contains("AllowedOrigins"), origin.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> LocalTemplate.of(TEMPLATE, Map.of("Nope", "x"), "us-east-1", "123456789012"));
        assertTrue(unknown.getMessage().contains("Nope"), unknown.getMessage());
    }

    /**
     * By default API Gateway's own answers are the template's gateway responses: the origin of the request echoed
     * (every allowed origin, not just the first), the shared error body with API Gateway's own message; switched
     * off, API Gateway's defaults.
     */
    @Test
    void theGatewaysOwnAnswersAreTheTemplatesGatewayResponsesUnlessSwitchedOff() throws Exception {
        GatewayResponse unauthorized = DEV.gatewayResponse(GatewayResponse.unauthorizedDefault());
        assertEquals(401, unauthorized.statusCode());
        for (String origin : PLATFORM_ORIGINS) {
            Map<String, String> headers = unauthorized.headersFor(Map.of("Origin", origin)::get);
            assertEquals(origin, headers.get("Access-Control-Allow-Origin"));
            assertEquals("Origin", headers.get("Vary"));
            assertEquals("ETag, Retry-After", headers.get("Access-Control-Expose-Headers"));
        }
        assertFalse(unauthorized.headersFor(name -> null).containsKey("Access-Control-Allow-Origin"),
                "no Origin, nothing to echo");
        assertEquals(Json.MAPPER.readTree(
                        "{\"error\":\"Unauthorized\",\"code\":\"UNAUTHORIZED\",\"message\":\"Unauthorized\",\"requestId\":\"r-1\"}"),
                Json.MAPPER.readTree(unauthorized.body("r-1", "Unauthorized")));

        GatewayResponse noRoute = DEV.gatewayResponse(GatewayResponse.missingAuthenticationTokenDefault());
        assertEquals(403, noRoute.statusCode());
        assertEquals("NOT_FOUND", Json.MAPPER.readTree(noRoute.body("r-1", "Missing Authentication Token"))
                .path("code").asText());
        GatewayResponse failed = DEV.gatewayResponse(GatewayResponse.integrationFailureDefault());
        assertEquals(502, failed.statusCode(), "DEFAULT_5XX keeps the status of the type it stands for");
        assertEquals("INTERNAL", Json.MAPPER.readTree(failed.body("r-1", "Internal server error")).path("code").asText());
        assertEquals("https://admin.deepfoundai.com",
                failed.headersFor(Map.of("Origin", "https://admin.deepfoundai.com")::get).get("Access-Control-Allow-Origin"));

        LocalTemplate off = LocalTemplate.of(TEMPLATE, Map.of("EnableGatewayResponses", "false"), "us-east-1",
                "123456789012");
        GatewayResponse byDefault = off.gatewayResponse(GatewayResponse.unauthorizedDefault());
        assertEquals(GatewayResponse.unauthorizedDefault(), byDefault);
        assertEquals("{\"message\":\"Unauthorized\"}", byDefault.body("r-1", "Unauthorized"));
        assertEquals(Map.of(), byDefault.headersFor(Map.of("Origin", "http://localhost:5173")::get));
    }

    @Test
    void aTypeTheTemplateDoesNotCustomiseTakesItsDefault4xxOr5xxAndKeepsItsOwnStatus(@TempDir Path dir)
            throws Exception {
        String yaml = Files.readString(SamTemplate.find()).replaceFirst("(?m)^Resources:\\n", Matcher.quoteReplacement("""
                Resources:
                  AnyClientError:
                    Type: AWS::ApiGateway::GatewayResponse
                    Properties:
                      RestApiId: !Ref RestApiId
                      ResponseType: DEFAULT_4XX
                      ResponseParameters:
                        gatewayresponse.header.Vary: "'Origin'"
                      ResponseTemplates:
                        application/json: '{"code":"BAD_REQUEST","message":$context.error.messageString}'
                """));
        // the template's own gateway responses switched off: only this DEFAULT_4XX is customised
        LocalTemplate withDefault4xx = LocalTemplate.of(SamTemplate.load(Files.writeString(dir.resolve("t.yaml"), yaml)),
                Map.of("EnableGatewayResponses", "false"), "us-east-1", "123456789012");

        GatewayResponse badRequest = withDefault4xx.gatewayResponse(GatewayResponse.badRequestDefault());
        assertEquals(400, badRequest.statusCode());
        assertEquals("{\"code\":\"BAD_REQUEST\",\"message\":\"bad escape\"}", badRequest.body("r-1", "bad escape"));
        GatewayResponse missingToken = withDefault4xx.gatewayResponse(GatewayResponse.missingAuthenticationTokenDefault());
        assertEquals(403, missingToken.statusCode());
        assertEquals("MISSING_AUTHENTICATION_TOKEN", missingToken.type());
        assertEquals("Origin", missingToken.headers().get("Vary"));
        assertEquals(GatewayResponse.integrationFailureDefault(),
                withDefault4xx.gatewayResponse(GatewayResponse.integrationFailureDefault()));
    }
}
