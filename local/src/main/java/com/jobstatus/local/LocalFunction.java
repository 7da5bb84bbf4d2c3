package com.jobstatus.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.jobstatus.localaws.LocalLambdaContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A real function's handler in this JVM under the name Lambda gives it, invoked as Lambda invokes it: the event as
 * JSON bytes in, a Lambda context named for the function, what it writes back out. The pollers and the WebSocket
 * API invoke their functions through it.
 */
record LocalFunction(String name, RequestStreamHandler handler) {

    byte[] invoke(String event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out,
                new LocalLambdaContext(name));
        return out.toByteArray();
    }
}
