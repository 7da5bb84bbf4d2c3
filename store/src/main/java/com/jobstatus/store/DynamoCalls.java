package com.jobstatus.store;

import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * Runs one DynamoDB call and turns SDK failures into {@link StoreException}, throttling told apart: the one
 * translation every repository of ours uses, so callers never see SDK types.
 */
public final class DynamoCalls {

    private DynamoCalls() {
    }

    public static <T> T call(String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (DynamoDbException e) {
            boolean throttled = e.isThrottlingException()
                    || "ProvisionedThroughputExceededException".equals(errorCode(e))
                    || "RequestLimitExceeded".equals(errorCode(e));
            throw new StoreException(operation + " failed: " + errorCode(e) + " (HTTP " + e.statusCode() + ")",
                    throttled, e);
        } catch (SdkException e) {
            throw new StoreException(operation + " failed: " + e.getClass().getSimpleName(), false, e);
        }
    }

    private static String errorCode(DynamoDbException e) {
        return e.awsErrorDetails() == null ? "unknown" : e.awsErrorDetails().errorCode();
    }
}
