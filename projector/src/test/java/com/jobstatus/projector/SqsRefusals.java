package com.jobstatus.projector;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * Makes a client talking to moto refuse what real SQS refuses and moto does not check: a body or String
 * attribute value with a character outside {@link SqsText}'s set (the 400 {@code InvalidMessageContents});
 * and, on top, any message the given rule picks (a 400, {@code InvalidParameterValue} unless told otherwise).
 * Add it to a client with {@code AwsSettings.withInterceptor}.
 */
final class SqsRefusals implements ExecutionInterceptor {

    private final Predicate<SendMessageRequest> alsoRefuse;
    private final String errorCode;
    private final AtomicInteger refused = new AtomicInteger();

    SqsRefusals(Predicate<SendMessageRequest> alsoRefuse) {
        this(alsoRefuse, "InvalidParameterValue");
    }

    /** @param errorCode the error code of the refusals {@code alsoRefuse} picks */
    SqsRefusals(Predicate<SendMessageRequest> alsoRefuse, String errorCode) {
        this.alsoRefuse = alsoRefuse;
        this.errorCode = errorCode;
    }

    /** Only what real SQS refuses. */
    static SqsRefusals asSqs() {
        return new SqsRefusals(request -> false);
    }

    int refused() {
        return refused.get();
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (!(context.request() instanceof SendMessageRequest request)) {
            return;
        }
        boolean invalid = !SqsText.isClean(request.messageBody()) || request.messageAttributes().values().stream()
                .map(MessageAttributeValue::stringValue).anyMatch(v -> v != null && !SqsText.isClean(v));
        if (invalid || alsoRefuse.test(request)) {
            refused.incrementAndGet();
            String code = invalid ? "InvalidMessageContents" : errorCode;
            throw (SqsException) SqsException.builder().statusCode(400).message(code + " (injected)")
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("injected").build())
                    .build();
        }
    }
}
