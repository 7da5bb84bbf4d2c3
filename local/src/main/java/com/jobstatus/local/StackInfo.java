package com.jobstatus.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jobstatus.schemas.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where everything of a running local stack is: written to {@code local/stack.json} for tools and the
 * frontend's dev setup, and printed at start.
 */
record StackInfo(String apiUrl, String awsEndpoint, String region, String stage, String tableName,
                 String eventBusName, String eventSource, String detailType, String userPoolId,
                 String userPoolClientId, List<LocalAws.User> users, List<String> allowedOrigins,
                 String failureQueueUrl, String webSocketUrl, String connectionsTableName, String pushFailureQueueUrl) {

    StackInfo {
        users = List.copyOf(users);
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    ObjectNode toJson() {
        ObjectNode json = Json.MAPPER.createObjectNode()
                .put("apiUrl", apiUrl)
                .put("awsEndpoint", awsEndpoint)
                .put("region", region)
                .put("stage", stage)
                .put("tableName", tableName)
                .put("eventBusName", eventBusName)
                .put("eventSource", eventSource)
                .put("detailType", detailType)
                .put("userPoolId", userPoolId)
                .put("userPoolClientId", userPoolClientId);
        ArrayNode userList = json.putArray("users");
        for (LocalAws.User user : users) {
            userList.addObject().put("username", user.username()).put("password", user.password()).put("sub", user.sub());
        }
        ArrayNode origins = json.putArray("allowedOrigins");
        allowedOrigins.forEach(origins::add);
        json.put("failureQueueUrl", failureQueueUrl);
        // wss:// on AWS; connect with ?token=<ID token>
        json.put("webSocketUrl", webSocketUrl);
        json.put("connectionsTableName", connectionsTableName);
        json.put("pushFailureQueueUrl", pushFailureQueueUrl);
        return json;
    }

    String toPrettyJson() {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(toJson());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    void writeTo(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, toPrettyJson() + System.lineSeparator(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
