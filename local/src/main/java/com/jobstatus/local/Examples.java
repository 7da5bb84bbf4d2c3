package com.jobstatus.local;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jobstatus.schemas.EventJson;
import com.jobstatus.schemas.JobStatus;
import com.jobstatus.schemas.Json;
import com.jobstatus.schemas.PlatformEvents;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The copy-paste examples the stack prints: bash commands for the AWS CLI and curl against this stack, with
 * its real ports, ids and users filled in. A test runs them exactly as printed.
 */
final class Examples {

    static final String HEADER = "Try it in bash, one command at a time:";
    static final String FOOTER = "Ctrl-C stops everything (moto included).";
    /** The job the publishing example creates. */
    static final String SAMPLE_JOB_ID = "example-job-1";

    /**
     * A WebSocket client in a few lines of Node (its built-in WebSocket, as in a browser): prints each job pushed,
     * stops after a job reaches a final state or after a minute; exits 1 if the connection is refused.
     */
    static final String WATCH_SCRIPT = "const ws = new WebSocket(process.argv[1]);"
            + " ws.onopen = () => console.log(\"connected\");"
            + " ws.onmessage = (m) => { console.log(m.data); const job = JSON.parse(m.data);"
            + " if (job.status === \"COMPLETED\" || job.status === \"FAILED\") ws.close(); };"
            + " ws.onerror = () => { console.error(\"connection refused or failed\"); process.exit(1); };"
            + " ws.onclose = () => process.exit(0);"
            + " setTimeout(() => ws.close(), 60000);";

    /** One example: what it shows, and one bash command line. */
    record Example(String comment, String command) {
    }

    private Examples() {
    }

    /**
     * @param now       the sample event's {@code occurredAt}: fresh, so that it is inside the TTL window
     * @param demoJobId the job {@code --demo} publishes, or null without the demo
     */
    static List<Example> of(StackInfo info, Instant now, String demoJobId) {
        String aws = "AWS_ACCESS_KEY_ID=" + LocalAws.ACCESS_KEY_ID + " AWS_SECRET_ACCESS_KEY=" + LocalAws.SECRET_ACCESS_KEY
                + " aws --endpoint-url " + info.awsEndpoint() + " --region " + info.region();
        LocalAws.User owner = info.users().getFirst();
        String entries = entries(info.eventBusName(), info.eventSource(), info.detailType(),
                EventJson.detail(SAMPLE_JOB_ID, owner.sub(), JobStatus.PROCESSING, now, 25, null)).toString();
        String authorization = "-H \"Authorization: $TOKEN\"";
        List<Example> examples = new ArrayList<>();
        examples.add(new Example("Sign in as " + owner.username() + " and keep the ID token (local Cognito, USER_PASSWORD_AUTH)",
                "TOKEN=$(" + aws + " cognito-idp initiate-auth --client-id " + info.userPoolClientId()
                        + " --auth-flow USER_PASSWORD_AUTH --auth-parameters USERNAME=" + owner.username()
                        + ",PASSWORD=" + owner.password() + " --query AuthenticationResult.IdToken --output text)"));
        examples.add(new Example("Publish a job status event for " + owner.username() + ", as FalInvoker does",
                aws + " events put-events --entries " + quote(entries)));
        examples.add(new Example("Read the job through the API (the Cognito authorizer checks the token)",
                "curl -s " + authorization + " " + info.apiUrl() + "/v1/jobs/" + SAMPLE_JOB_ID));
        examples.add(new Example("List " + owner.username() + "'s jobs, newest first: {\"jobs\": [...], \"nextCursor\": ...}",
                "curl -s " + authorization + " '" + info.apiUrl() + "/v1/jobs?limit=10'"));
        String rendered = entries(info.eventBusName(), PlatformEvents.VIDEO_GENERATION,
                PlatformEvents.VIDEO_RENDERED, EventJson.videoRendered(SAMPLE_JOB_ID, owner.sub(),
                        "https://videos.example.com/" + SAMPLE_JOB_ID + ".mp4")).toString();
        examples.add(new Example("The video generator's video.rendered for it (the platform's own event): read the"
                + " job again, it is COMPLETED with its video", aws + " events put-events --entries " + quote(rendered)));
        if (demoJobId != null) {
            examples.add(new Example("Watch the --demo job change (QUEUED, PROCESSING 50 %, COMPLETED): run it again",
                    "curl -s " + authorization + " " + info.apiUrl() + "/v1/jobs/" + demoJobId));
        }
        examples.add(new Example("Watch " + owner.username() + "'s jobs live over the WebSocket API until one finishes (60 s at"
                        + " most; Node 22+, or Node 20 as here with --experimental-websocket): each change arrives as"
                        + " the JSON of GET /v1/jobs/{id}",
                "node --experimental-websocket -e " + quote(WATCH_SCRIPT) + " \"" + info.webSocketUrl() + "?token=$TOKEN\""));
        String page = info.allowedOrigins().getLast();
        examples.add(new Example("No token, from a page on " + page + ": API Gateway's 401, with the CORS headers that"
                + " let the page read it (the template's gateway responses)",
                "curl -s -i -H 'Origin: " + page + "' " + info.apiUrl() + "/v1/jobs/" + SAMPLE_JOB_ID));
        examples.add(new Example("CORS preflight, as a browser on " + info.allowedOrigins().getFirst() + " sends it",
                "curl -s -i -X OPTIONS -H 'Origin: " + info.allowedOrigins().getFirst()
                        + "' -H 'Access-Control-Request-Method: GET' " + info.apiUrl() + "/v1/jobs/" + SAMPLE_JOB_ID));
        examples.add(new Example("Events the projector refused or could not apply, with the reason",
                aws + " sqs receive-message --queue-url " + info.failureQueueUrl()
                        + " --message-attribute-names All --visibility-timeout 0"));
        return examples;
    }

    static String render(List<Example> examples) {
        StringBuilder out = new StringBuilder(HEADER).append(System.lineSeparator()).append(System.lineSeparator());
        for (Example example : examples) {
            out.append("# ").append(example.comment()).append(System.lineSeparator())
                    .append(example.command()).append(System.lineSeparator()).append(System.lineSeparator());
        }
        return out.append(FOOTER).append(System.lineSeparator()).toString();
    }

    /** Single quotes for bash: nothing inside is expanded. */
    static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    /** PutEvents' {@code Entries}, as the AWS CLI takes them in {@code --entries}. */
    private static ArrayNode entries(String eventBusName, String source, String detailType, ObjectNode detail) {
        ArrayNode entries = Json.MAPPER.createArrayNode();
        entries.addObject()
                .put("EventBusName", eventBusName)
                .put("Source", source)
                .put("DetailType", detailType)
                .put("Detail", detail.toString());
        return entries;
    }
}
