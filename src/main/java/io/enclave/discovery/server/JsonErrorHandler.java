package io.enclave.discovery.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers itself, before a route runs (a malformed or ambiguous URI, an oversized header): a JSON
 * {@code ApiError} like every other error, never an HTML page or a stack trace.
 */
final class JsonErrorHandler extends ErrorHandler {
    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) {
        String error = code == 404 ? "not_found" : code < 500 ? "bad_request" : "internal";
        String parameter = code == 400 ? "\"path\"" : "null";
        String text = code < 500 ? "The request URI or headers are malformed (HTTP " + code + ")"
                : "Unexpected server error; it has been logged";
        String body = "{\"error\":\"" + error + "\",\"parameter\":" + parameter + ",\"message\":\"" + text + "\"}";
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    }
}
