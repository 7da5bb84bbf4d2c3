package com.jobstatus.push;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.ApiGatewayManagementApiException;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;

/**
 * {@link ConnectionSender} over API Gateway's {@code @connections} API ({@code PostToConnection}), with the SDK
 * client built once per container against the WebSocket API's stage endpoint.
 */
public final class ManagementApiSender implements ConnectionSender {

    private final ApiGatewayManagementApiClient api;

    public ManagementApiSender(ApiGatewayManagementApiClient api) {
        this.api = api;
    }

    @Override
    public Sent send(String connectionId, String message) {
        try {
            api.postToConnection(b -> b.connectionId(connectionId).data(SdkBytes.fromUtf8String(message)));
            return Sent.DELIVERED;
        } catch (GoneException e) {
            return Sent.GONE;
        } catch (ApiGatewayManagementApiException e) {
            // 429 (LimitExceeded) and 5xx pass; 400 (a bad id), 403, 413 (payload too large) will not
            boolean retryable = e.isThrottlingException() || e.statusCode() == 429 || e.statusCode() >= 500;
            String code = e.awsErrorDetails() == null ? "unknown" : e.awsErrorDetails().errorCode();
            throw new SendException("PostToConnection failed: " + code + " (HTTP " + e.statusCode() + ")", retryable, e);
        } catch (SdkException e) {
            // no answer at all (connection refused, timeout): the next attempt may well get one
            throw new SendException("PostToConnection failed: " + e.getClass().getSimpleName(), true, e);
        }
    }
}
