package com.jobstatus.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.jobstatus.reader.GetJobHandler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * GetJobFn in a probe JVM: built by its public constructor from the environment, as Lambda builds it, and asked
 * {@code GET /v1/jobs/{id}} for a job its caller owns, with the headers a browser behind API Gateway sends.
 */
final class ReaderProbe extends FunctionProbe<GetJobHandler> {

    private APIGatewayProxyRequestEvent request;

    public static void main(String[] args) {
        run(new ReaderProbe(), args);
    }

    @Override
    GetJobHandler newHandler() {
        return new GetJobHandler();
    }

    @Override
    void prepare(Arguments args) {
        request = getJob(args.text("jobId"), args.text("userId"), args.text("origin"));
        context();
    }

    @Override
    boolean invoke(int i) {
        return handler.handleRequest(request, context).getStatusCode() == 200;
    }

    /** A REST API proxy event as API Gateway builds it behind a Cognito authorizer. */
    private static APIGatewayProxyRequestEvent getJob(String jobId, String userId, String origin) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Accept", "application/json");
        headers.put("Accept-Encoding", "gzip, deflate, br");
        headers.put("Accept-Language", "en-GB,en;q=0.9");
        headers.put("Authorization", "Bearer eyJraWQiOiJiZW5jaCIsImFsZyI6IlJTMjU2In0." + "x".repeat(600) + ".sig");
        headers.put("Host", "abc123defg.execute-api.us-east-1.amazonaws.com");
        headers.put("Origin", origin);
        headers.put("Referer", origin + "/jobs");
        headers.put("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0");
        headers.put("X-Amzn-Trace-Id", "Root=1-67891233-abcdef012345678912345678");
        headers.put("X-Forwarded-For", "203.0.113.7, 130.176.0.1");
        headers.put("X-Forwarded-Port", "443");
        headers.put("X-Forwarded-Proto", "https");
        Map<String, List<String>> multiValueHeaders = new HashMap<>();
        for (Map.Entry<String, String> header : headers.entrySet()) {
            List<String> values = new ArrayList<>(1);
            values.add(header.getValue());
            multiValueHeaders.put(header.getKey(), values);
        }
        Map<String, Object> claims = new HashMap<>();
        claims.put("sub", userId);
        claims.put("token_use", "id");
        claims.put("email", "someone@example.com");
        claims.put("cognito:username", userId);
        claims.put("iss", "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_bench");
        Map<String, Object> authorizer = new HashMap<>();
        authorizer.put("claims", claims);
        APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext()
                .withAccountId("123456789012")
                .withApiId("abc123defg")
                .withStage("prod")
                .withRequestId("c6af9ac6-7b61-11e6-9a41-93e8deadbeef")
                .withResourcePath("/v1/jobs/{id}")
                .withHttpMethod("GET")
                .withPath("/prod/v1/jobs/" + jobId)
                .withIdentity(new APIGatewayProxyRequestEvent.RequestIdentity()
                        .withSourceIp("203.0.113.7")
                        .withUserAgent(headers.get("User-Agent")));
        context.setAuthorizer(authorizer);
        return new APIGatewayProxyRequestEvent()
                .withResource("/v1/jobs/{id}")
                .withPath("/v1/jobs/" + jobId)
                .withHttpMethod("GET")
                .withHeaders(headers)
                .withMultiValueHeaders(multiValueHeaders)
                .withPathParameters(Map.of("id", jobId))
                .withIsBase64Encoded(false)
                .withRequestContext(context);
    }
}
