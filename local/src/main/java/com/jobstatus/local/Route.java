package com.jobstatus.local;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One method of the REST API as template.yaml declares it ({@code AWS::ApiGateway::Method}).
 *
 * @param resourcePath      API Gateway's resource path, e.g. {@code /v1/jobs/{id}}
 * @param requiresCognito   {@code AuthorizationType: COGNITO_USER_POOLS}; otherwise {@code NONE}
 * @param functionLogicalId the function its {@code AWS_PROXY} integration invokes
 */
record Route(String httpMethod, String resourcePath, boolean requiresCognito, String functionLogicalId) {

    /**
     * The path parameters when the request path is this route's resource (API Gateway decodes them), or
     * null when it is not. Path variables match exactly one non-empty segment, as {@code {id}} does in API Gateway.
     */
    Map<String, String> match(String rawPath) {
        String[] expected = resourcePath.split("/", -1);
        String[] actual = rawPath.split("/", -1);
        if (expected.length != actual.length) {
            return null;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < expected.length; i++) {
            String segment = URLDecoder.decode(actual[i].replace("+", "%2B"), StandardCharsets.UTF_8);
            if (expected[i].startsWith("{") && expected[i].endsWith("}")) {
                if (segment.isEmpty()) {
                    return null;
                }
                parameters.put(expected[i].substring(1, expected[i].length() - 1), segment);
            } else if (!expected[i].equals(segment)) {
                return null;
            }
        }
        return parameters;
    }
}
