package com.jobstatus.local;

import com.jobstatus.connections.ConnectionsTable;
import com.jobstatus.runtime.AwsClients;
import com.jobstatus.runtime.AwsSettings;
import com.jobstatus.schemas.Json;
import com.jobstatus.store.JobsTable;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The local AWS (a moto server) and the resources the stack creates in it: the Jobs table (with its stream), the
 * Connections table, the failure queues, the queue standing for Lambda's asynchronous invocations of ProjectorFn, the event bus and the
 * template's rule, and a Cognito user pool with an app client and demo users. Names and settings come from
 * {@link LocalTemplate}; the user pool and its users exist only here (in AWS they already exist).
 */
final class LocalAws implements AutoCloseable {

    /** Moto accepts any credentials; these are what the printed examples use too. */
    static final String ACCESS_KEY_ID = "test";
    static final String SECRET_ACCESS_KEY = "test";
    static final String USER_POOL_NAME = "JobStatusLocal";
    static final String APP_CLIENT_NAME = "job-status-frontend-local";
    /** Two users, so that owner-only access can be seen: each sees only their own jobs. */
    static final List<String> DEMO_USERNAMES = List.of("demo1", "demo2");

    /** A demo user: {@code sub} is the id events name as {@code userId}. */
    record User(String username, String password, String sub) {
    }

    /** What {@link #create} made: everything a client or a handler needs to find it. */
    record Resources(String tableName, String failureQueueUrl, String invocationQueueUrl, String eventBusName,
                     String ruleName, String userPoolId, String userPoolClientId, List<User> users,
                     String connectionsTableName, String pushFailureQueueUrl) {
        Resources {
            users = List.copyOf(users);
        }
    }

    private final AwsSettings settings;
    final DynamoDbClient dynamo;
    final SqsClient sqs;
    final EventBridgeClient events;
    final CognitoIdentityProviderClient cognito;
    final DynamoDbStreamsClient streams;

    LocalAws(URI endpoint, String region) {
        // longer timeouts than a function's: creating the table and the pool can take moto seconds
        this.settings = new AwsSettings(Region.of(region), endpoint,
                StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY)),
                Duration.ofSeconds(60), Duration.ofSeconds(20), List.of());
        this.dynamo = AwsClients.dynamo(settings);
        this.sqs = AwsClients.configure(SqsClient.builder(), settings).build();
        this.events = AwsClients.configure(EventBridgeClient.builder(), settings).build();
        this.cognito = AwsClients.configure(CognitoIdentityProviderClient.builder(), settings).build();
        this.streams = AwsClients.configure(DynamoDbStreamsClient.builder(), settings).build();
    }

    URI endpoint() {
        return settings.endpoint();
    }

    String region() {
        return settings.region().id();
    }

    Resources create(LocalTemplate template) {
        String tableName = template.tableName();
        JobsTable.create(dynamo, tableName);

        String failureQueueUrl = sqs.createQueue(b -> b.queueName(template.failureQueueName())
                .attributes(Map.of(QueueAttributeName.MESSAGE_RETENTION_PERIOD,
                        template.failureQueueRetentionSeconds()))).queueUrl();
        String failureQueueArn = queueArn(failureQueueUrl);
        String projector = template.functionName(LocalTemplate.PROJECTOR);
        String redrive = Json.MAPPER.createObjectNode()
                .put("deadLetterTargetArn", failureQueueArn)
                .put("maxReceiveCount", template.asyncAttempts(LocalTemplate.PROJECTOR))
                .toString();
        String invocationQueueUrl = sqs.createQueue(b -> b.queueName(projector + "-async-invocations")
                .attributes(Map.of(
                        QueueAttributeName.VISIBILITY_TIMEOUT,
                        Integer.toString(template.functionTimeoutSeconds(LocalTemplate.PROJECTOR)),
                        QueueAttributeName.REDRIVE_POLICY, redrive))).queueUrl();

        String busName = template.eventBusName();
        if (!busName.equals("default")) {
            events.createEventBus(b -> b.name(busName));
        }
        String ruleName = template.ruleName();
        events.putRule(b -> b.name(ruleName).eventBusName(busName).eventPattern(template.eventPattern().toString())
                .description("Job Status Changed events to " + projector));
        // The identity transformer delivers the event unchanged, as Lambda receives it. It is here for speed:
        // moto routes an event to a plain target about 7 times slower (it builds a JSONPath parser per field),
        // which would make the load runs of the reliability suite crawl.
        events.putTargets(b -> b.rule(ruleName).eventBusName(busName)
                .targets(t -> t.id(projector).arn(queueArn(invocationQueueUrl))
                        .inputTransformer(i -> i.inputPathsMap(Map.of("event", "$")).inputTemplate("<event>"))));

        String userPoolId = cognito.createUserPool(b -> b.poolName(USER_POOL_NAME + "-" + template.stage()))
                .userPool().id();
        String clientId = cognito.createUserPoolClient(b -> b.userPoolId(userPoolId).clientName(APP_CLIENT_NAME)
                .generateSecret(false)
                .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH,
                        ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH)).userPoolClient().clientId();
        List<User> users = new ArrayList<>();
        for (int i = 0; i < DEMO_USERNAMES.size(); i++) {
            users.add(createUser(userPoolId, DEMO_USERNAMES.get(i), "Demo-pass-" + (i + 1)));
        }
        String connectionsTable = template.connectionsTableName();
        ConnectionsTable.create(dynamo, connectionsTable);
        String pushFailureQueueUrl = sqs.createQueue(b -> b.queueName(template.pushFailureQueueName())).queueUrl();
        return new Resources(tableName, failureQueueUrl, invocationQueueUrl, busName, ruleName, userPoolId, clientId,
                users, connectionsTable, pushFailureQueueUrl);
    }

    private User createUser(String userPoolId, String username, String password) {
        cognito.adminCreateUser(b -> b.userPoolId(userPoolId).username(username)
                .messageAction(MessageActionType.SUPPRESS));
        cognito.adminSetUserPassword(b -> b.userPoolId(userPoolId).username(username).password(password).permanent(true));
        String sub = cognito.adminGetUser(b -> b.userPoolId(userPoolId).username(username)).userAttributes().stream()
                .filter(attribute -> attribute.name().equals("sub")).map(AttributeType::value).findFirst()
                .orElseThrow(() -> new IllegalStateException("the local Cognito gave " + username + " no sub"));
        return new User(username, password, sub);
    }

    private String queueArn(String queueUrl) {
        return sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    /** The pool's signing keys, where Cognito (and moto) serve them. */
    URI jwksUri(String userPoolId) {
        return endpoint().resolve("/" + userPoolId + "/.well-known/jwks.json");
    }

    @Override
    public void close() {
        dynamo.close();
        sqs.close();
        events.close();
        cognito.close();
        streams.close();
    }

    /** The Jobs table's stream, which PushFn's event source mapping reads. */
    String streamArn(String tableName) {
        return dynamo.describeTable(b -> b.tableName(tableName)).table().latestStreamArn();
    }
}
