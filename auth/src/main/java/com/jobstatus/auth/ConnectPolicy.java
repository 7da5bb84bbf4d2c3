package com.jobstatus.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jobstatus.schemas.Json;

/**
 * WsAuthorizerFn's answer to API Gateway: an IAM policy on the route's ARN. Allow names the user as principal and
 * hands them on in the context, which API Gateway gives the {@code $connect} route; Deny becomes 403 and no
 * connection, and says nothing more (the reason goes to the log only).
 */
final class ConnectPolicy {

    private ConnectPolicy() {
    }

    static ObjectNode of(ConnectAuthorizer.Decision decision, String methodArn) {
        return switch (decision) {
            case ConnectAuthorizer.Allow allow -> policy(allow.userId(), "Allow", methodArn).set("context",
                    Json.MAPPER.createObjectNode().put(WebSocketRequest.USER_ID_KEY, allow.userId()));
            case ConnectAuthorizer.Deny deny -> policy("anonymous", "Deny", methodArn);
        };
    }

    private static ObjectNode policy(String principalId, String effect, String resource) {
        ObjectNode answer = Json.MAPPER.createObjectNode().put("principalId", principalId);
        answer.putObject("policyDocument").put("Version", "2012-10-17").putArray("Statement").addObject()
                .put("Action", "execute-api:Invoke").put("Effect", effect).put("Resource", resource);
        return answer;
    }
}
