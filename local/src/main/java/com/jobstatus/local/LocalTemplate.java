package com.jobstatus.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.jobstatus.runtime.Origins;
import com.jobstatus.template.SamTemplate;
import com.jobstatus.template.TemplateValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the local stack takes from template.yaml: every name and setting it creates resources with, the
 * routes and their authorization, the gateway responses and the functions' environment. Nothing here is typed
 * a second time; a template change shows up locally on the next start (or fails it, naming what changed).
 */
final class LocalTemplate {

    /** Template function logical ids the local stack runs. */
    static final String PROJECTOR = "ProjectorFunction";
    static final String READER = "GetJobFunction";
    static final String WS_AUTHORIZER = "WsAuthorizerFunction";
    static final String CONNECTIONS = "ConnectionsFunction";
    static final String PUSH = "PushFunction";
    private static final String PUSH_MAPPING = "PushStreamMapping";
    /** The rule is the projector's EventBridgeRule event; SAM names the generated rule resource after both. */
    private static final String RULE_EVENT = "JobStatusChanged";

    /**
     * The one thing the template cannot say: the paths of the API resources it attaches to, which already exist
     * and are named by parameters (README "Deploy"). The local API emulates that existing API.
     */
    static final Map<String, String> EXISTING_RESOURCE_PATHS = Map.of("JobsResourceId", "/v1/jobs",
            "JobResourceId", "/v1/jobs/{id}");

    /** How a gateway response maps a header of the request into one of its own. */
    private static final String REQUEST_HEADER = "method.request.header.";
    private static final Pattern ALIAS_IN_URI = Pattern.compile("\\$\\{([A-Za-z0-9]+)\\.Alias}");
    /** Read by the JVM, not by the handlers; meaningless in the stack's own JVM. */
    private static final String JVM_OPTIONS_VARIABLE = "JAVA_TOOL_OPTIONS";

    private final SamTemplate template;
    private final TemplateValues values;

    private LocalTemplate(SamTemplate template, TemplateValues values) {
        this.template = template;
        this.values = values;
    }

    /**
     * The template with each parameter at its default, or at the given override (checked against the
     * parameter's {@code AllowedValues} and {@code AllowedPattern}, as CloudFormation would), its conditions
     * applied: what is switched off is not there.
     */
    static LocalTemplate of(SamTemplate template, Map<String, String> overrides, String region, String accountId) {
        TemplateValues values = template.values(overrides).withParameters(Map.of(
                "AWS::Region", JsonNodeFactory.instance.textNode(region),
                "AWS::AccountId", JsonNodeFactory.instance.textNode(accountId),
                "AWS::Partition", JsonNodeFactory.instance.textNode("aws")));
        return new LocalTemplate(template.forParameters(overrides), values);
    }

    /**
     * The same template with parameters that name what only the local stack has made (the user pool and its app
     * client, which already exist in AWS), checked as CloudFormation would check them.
     */
    LocalTemplate withParameters(Map<String, String> more) {
        return new LocalTemplate(template, values.withParameters(template.parameters(more)));
    }

    String parameter(String name) {
        return values.text(JsonNodeFactory.instance.objectNode().put("Ref", name));
    }

    List<String> parameterList(String name) {
        return values.list(JsonNodeFactory.instance.objectNode().put("Ref", name));
    }

    String stage() {
        return parameter("Stage");
    }

    String tableName() {
        return values.text(template.properties("JobsTable").path("TableName"));
    }

    String connectionsTableName() {
        return values.text(template.properties("ConnectionsTable").path("TableName"));
    }

    String pushFailureQueueName() {
        return values.text(template.properties("PushFailureQueue").path("QueueName"));
    }

    /** The WebSocket API's stage: the path of its URL and of its {@code @connections} endpoint. */
    String webSocketStage() {
        return values.text(template.properties("WebSocketStage").path("StageName"));
    }

    /**
     * How Lambda feeds PushFn from the Jobs table's stream (the template's event source mapping): the settings the
     * local stream poller follows. Fails naming a setting the poller does not emulate.
     */
    StreamMapping streamMapping() {
        JsonNode mapping = template.properties(PUSH_MAPPING);
        if (!(PUSH + ".Alias").equals(mapping.path("FunctionName").path("Ref").asText())) {
            throw new IllegalArgumentException("template.yaml: " + PUSH_MAPPING + " does not invoke " + PUSH + ".Alias");
        }
        List<JsonNode> filters = new ArrayList<>();
        for (JsonNode filter : mapping.path("FilterCriteria").path("Filters")) {
            try {
                filters.add(com.jobstatus.schemas.Json.MAPPER.readTree(values.text(filter.path("Pattern"))));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalArgumentException("template.yaml: " + PUSH_MAPPING + " has a filter that is not JSON", e);
            }
        }
        List<String> responseTypes = values.list(mapping.path("FunctionResponseTypes"));
        return new StreamMapping(values.text(mapping.path("StartingPosition")),
                Integer.parseInt(values.text(mapping.path("BatchSize"))),
                Integer.parseInt(values.text(mapping.path("MaximumRetryAttempts"))),
                responseTypes.contains("ReportBatchItemFailures"), filters);
    }

    /**
     * @param filters event patterns a record must match one of (Lambda's event filtering); none: every record
     */
    record StreamMapping(String startingPosition, int batchSize, int maximumRetryAttempts,
                         boolean reportBatchItemFailures, List<JsonNode> filters) {
    }

    /**
     * One route of the WebSocket API ({@code AWS::ApiGatewayV2::Route}).
     *
     * @param functionLogicalId  the function its {@code AWS_PROXY} integration invokes, or null for a {@code MOCK}
     * @param authorizerFunction the function of its {@code REQUEST} authorizer, or null for none
     * @param identityQueryParameter the query parameter the authorizer's identity source names, or null
     */
    record WebSocketRoute(String routeKey, String functionLogicalId, String authorizerFunction,
                          String identityQueryParameter) {
    }

    /** The WebSocket API's routes by route key, each resolved to what it invokes. */
    Map<String, WebSocketRoute> webSocketRoutes() {
        Map<String, WebSocketRoute> routes = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> resource : template.root().path("Resources").properties()) {
            if (!"AWS::ApiGatewayV2::Route".equals(resource.getValue().path("Type").asText())) {
                continue;
            }
            JsonNode route = resource.getValue().path("Properties");
            Matcher target = Pattern.compile("integrations/\\$\\{([A-Za-z0-9]+)}").matcher(route.path("Target").path("Fn::Sub").asText());
            if (!target.matches()) {
                throw new IllegalArgumentException("template.yaml: " + resource.getKey() + " has no integration target");
            }
            JsonNode integration = template.properties(target.group(1));
            String function = switch (integration.path("IntegrationType").asText()) {
                case "MOCK" -> null;
                case "AWS_PROXY" -> aliasFunction(resource.getKey(), integration.path("IntegrationUri"));
                default -> throw new IllegalArgumentException("template.yaml: " + target.group(1)
                        + " is an integration the local WebSocket API does not emulate");
            };
            String authorizer = null;
            String identity = null;
            String authorization = route.path("AuthorizationType").asText("NONE");
            if (authorization.equals("CUSTOM")) {
                JsonNode definition = template.properties(route.path("AuthorizerId").path("Ref").asText());
                String source = definition.path("IdentitySource").get(0).asText();
                String prefix = "route.request.querystring.";
                if (!"REQUEST".equals(definition.path("AuthorizerType").asText()) || !source.startsWith(prefix)) {
                    throw new IllegalArgumentException("template.yaml: " + resource.getKey()
                            + " has an authorizer the local WebSocket API does not emulate");
                }
                authorizer = aliasFunction(resource.getKey(), definition.path("AuthorizerUri"));
                identity = source.substring(prefix.length());
            } else if (!authorization.equals("NONE")) {
                throw new IllegalArgumentException("template.yaml: " + resource.getKey() + " uses AuthorizationType "
                        + authorization + ", which the local WebSocket API does not emulate");
            }
            String key = route.path("RouteKey").asText();
            routes.put(key, new WebSocketRoute(key, function, authorizer, identity));
        }
        return routes;
    }

    private static String aliasFunction(String what, JsonNode uri) {
        Matcher function = ALIAS_IN_URI.matcher(uri.path("Fn::Sub").asText());
        if (!function.find()) {
            throw new IllegalArgumentException("template.yaml: " + what + " does not invoke a function alias");
        }
        return function.group(1);
    }

    String failureQueueName() {
        return values.text(template.properties("FailureQueue").path("QueueName"));
    }

    String failureQueueRetentionSeconds() {
        return values.text(template.properties("FailureQueue").path("MessageRetentionPeriod"));
    }

    String functionName(String function) {
        return values.text(template.properties(function).path("FunctionName"));
    }

    /** Globals' {@code Timeout}, or the function's own. */
    int functionTimeoutSeconds(String function) {
        JsonNode own = template.properties(function).path("Timeout");
        return Integer.parseInt(values.text(own.isMissingNode()
                ? template.root().path("Globals").path("Function").path("Timeout") : own));
    }

    /** Invocations Lambda makes of an asynchronous event before its on-failure destination: 1 + retries. */
    int asyncAttempts(String function) {
        return 1 + Integer.parseInt(values.text(template.properties(function).path("EventInvokeConfig")
                .path("MaximumRetryAttempts")));
    }

    private JsonNode ruleProperties() {
        JsonNode event = template.properties(PROJECTOR).path("Events").path(RULE_EVENT);
        if (!"EventBridgeRule".equals(event.path("Type").asText())) {
            throw new IllegalArgumentException("template.yaml: " + PROJECTOR + " has no EventBridgeRule event " + RULE_EVENT);
        }
        return event.path("Properties");
    }

    String eventBusName() {
        return values.text(ruleProperties().path("EventBusName"));
    }

    String ruleName() {
        return values.text(ruleProperties().path("RuleName"));
    }

    /** The rule's event pattern with the sources and detail-type filled in, as EventBridge receives it. */
    JsonNode eventPattern() {
        return values.resolve(ruleProperties().path("Pattern"));
    }

    /** The sources the rule matches, in the template's order (FalInvoker's first). */
    List<String> eventSources() {
        return values.list(ruleProperties().path("Pattern").path("source"));
    }

    String detailType() {
        return values.list(ruleProperties().path("Pattern").path("detail-type")).getFirst();
    }

    List<String> allowedOrigins() {
        return List.copyOf(Origins.parse("AllowedOrigins", parameter("AllowedOrigins")));
    }

    String apiStageName() {
        return parameter("ApiStageName");
    }

    /**
     * The function's environment as Lambda would see it (Globals' variables, then its own), with the given
     * resources standing for what {@code !Ref} of them gives in AWS (the table's name, the queue's URL).
     */
    Map<String, String> environment(String function, Map<String, String> resources) {
        TemplateValues withResources = values.withResources(resources);
        Map<String, String> environment = new LinkedHashMap<>();
        for (JsonNode variables : List.of(
                template.root().path("Globals").path("Function").path("Environment").path("Variables"),
                template.properties(function).path("Environment").path("Variables"))) {
            for (Map.Entry<String, JsonNode> variable : variables.properties()) {
                if (!variable.getKey().equals(JVM_OPTIONS_VARIABLE)) {
                    environment.put(variable.getKey(), withResources.text(variable.getValue()));
                }
            }
        }
        return environment;
    }

    /** Every {@code AWS::ApiGateway::Method} of the template, with its resource path resolved. */
    List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        for (Map.Entry<String, JsonNode> resource : template.root().path("Resources").properties()) {
            if (!"AWS::ApiGateway::Method".equals(resource.getValue().path("Type").asText())) {
                continue;
            }
            String id = resource.getKey();
            JsonNode method = resource.getValue().path("Properties");
            String authorization = method.path("AuthorizationType").asText();
            if (!authorization.equals("COGNITO_USER_POOLS") && !authorization.equals("NONE")) {
                throw new IllegalArgumentException("template.yaml: " + id + " uses AuthorizationType " + authorization
                        + ", which the local API does not emulate");
            }
            JsonNode integration = method.path("Integration");
            Matcher function = ALIAS_IN_URI.matcher(integration.path("Uri").path("Fn::Sub").asText());
            if (!"AWS_PROXY".equals(integration.path("Type").asText()) || !function.find()) {
                throw new IllegalArgumentException("template.yaml: " + id
                        + " is not an AWS_PROXY integration with a function alias, which the local API does not emulate");
            }
            routes.add(new Route(method.path("HttpMethod").asText(), resourcePath(method.path("ResourceId")),
                    authorization.equals("COGNITO_USER_POOLS"), function.group(1)));
        }
        return routes;
    }

    /**
     * {@code !Ref JobResource} → its parent's path + its PathPart; {@code !Ref JobsResourceId} or
     * {@code !Ref JobResourceId} (an adopted {@code {id}}) → the existing path.
     */
    private String resourcePath(JsonNode resourceId) {
        String ref = resourceId.path("Ref").asText();
        if (EXISTING_RESOURCE_PATHS.containsKey(ref)) {
            return EXISTING_RESOURCE_PATHS.get(ref);
        }
        JsonNode resource = template.properties(ref);
        return resourcePath(resource.path("ParentId")) + "/" + values.text(resource.path("PathPart"));
    }

    /**
     * API Gateway's answer of this type as the deployed API would give it: the template's gateway response of
     * the type when its condition holds, else the template's DEFAULT_4XX or DEFAULT_5XX (which stand for every
     * type of their class that is not customised), else API Gateway's default. A gateway response without a
     * status code keeps the type's own.
     */
    GatewayResponse gatewayResponse(GatewayResponse defaultResponse) {
        String fallback = defaultResponse.statusCode() >= 500 ? "DEFAULT_5XX" : "DEFAULT_4XX";
        return gatewayResponseFromTemplate(defaultResponse.type(), defaultResponse)
                .or(() -> gatewayResponseFromTemplate(fallback, defaultResponse))
                .orElse(defaultResponse);
    }

    private Optional<GatewayResponse> gatewayResponseFromTemplate(String type, GatewayResponse defaultResponse) {
        for (Map.Entry<String, JsonNode> resource : template.root().path("Resources").properties()) {
            JsonNode definition = resource.getValue();
            JsonNode properties = definition.path("Properties");
            if (!"AWS::ApiGateway::GatewayResponse".equals(definition.path("Type").asText())
                    || !type.equals(properties.path("ResponseType").asText())) {
                continue;
            }
            Map<String, String> headers = new LinkedHashMap<>();
            Map<String, String> requestHeaders = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> parameter : properties.path("ResponseParameters").properties()) {
                String name = parameter.getKey();
                String prefix = "gatewayresponse.header.";
                String value = values.text(parameter.getValue());
                // a static value in single quotes, or a header of the request; other mappings are not emulated
                if (name.startsWith(prefix) && value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
                    headers.put(name.substring(prefix.length()), value.substring(1, value.length() - 1));
                } else if (name.startsWith(prefix) && value.startsWith(REQUEST_HEADER)) {
                    requestHeaders.put(name.substring(prefix.length()), value.substring(REQUEST_HEADER.length()));
                } else {
                    throw new IllegalArgumentException("template.yaml: " + resource.getKey() + " maps " + name + " = "
                            + value + ", which the local API does not emulate");
                }
            }
            int status = properties.has("StatusCode") ? Integer.parseInt(values.text(properties.path("StatusCode")))
                    : defaultResponse.statusCode();
            return Optional.of(new GatewayResponse(defaultResponse.type(), status, headers, requestHeaders,
                    properties.path("ResponseTemplates").path("application/json").asText(defaultResponse.bodyTemplate())));
        }
        return Optional.empty();
    }
}
