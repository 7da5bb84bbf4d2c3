package com.jobstatus.bench;

import com.amazonaws.services.lambda.runtime.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The reader's baseline: per request, one GetItem of the job the event names, and its id back. */
public final class BareReaderHandler extends BareSdkHandler {

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String event = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        Map<String, AttributeValue> item = getItem(field(event.substring(event.indexOf("\"pathParameters\"")), "id"));
        String answer = item.isEmpty() ? "{\"statusCode\":404}"
                : "{\"statusCode\":200,\"body\":\"" + item.get("jobId").s() + "\"}";
        output.write(answer.getBytes(StandardCharsets.UTF_8));
    }
}
