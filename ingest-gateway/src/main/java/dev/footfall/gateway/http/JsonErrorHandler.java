package dev.footfall.gateway.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty produces itself (a malformed request line, headers too large, an exception)
 * get the same JSON shape as the gateway's own refusals, never an HTML page or a stack trace.
 */
final class JsonErrorHandler extends ErrorHandler {

    private final int retryAfterSeconds;
    private final Cors cors;

    /**
     * @param retryAfterSeconds what a 503 of Jetty's own (a request that arrives while the gateway
     *     shuts down) tells the client to wait, as the gateway's own 503s do
     * @param cors names an allowed origin on these answers too (a 503 during shutdown is answered
     *     before the route table, and so before Cors, sees the request)
     */
    JsonErrorHandler(int retryAfterSeconds, Cors cors) {
        this.retryAfterSeconds = retryAfterSeconds;
        this.cors = cors;
        setShowStacks(false);
        setShowCauses(false);
    }

    /**
     * Jetty writes an error body only for GET, POST and HEAD by default; a DELETE with an
     * unknown {@code Expect} got a bare 417. Every method gets the JSON shape (HEAD still none).
     */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) {
        byte[] body = body(code, message);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, MimeTypes.Type.APPLICATION_JSON_UTF_8.asString());
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        if (code == HttpStatus.SERVICE_UNAVAILABLE_503 && retryAfterSeconds > 0) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, Integer.toString(retryAfterSeconds));
        }
        cors.nameAllowedOrigin(request, response.getHeaders());
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, MimeTypes.Type.APPLICATION_JSON_UTF_8.asString());
        return ByteBuffer.wrap(body(status, reason));
    }

    static byte[] body(int status, String message) {
        String code = switch (status) {
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 408 -> "request_timeout";
            case 413 -> "batch_too_large";
            case 414 -> "uri_too_long";
            case 431 -> "headers_too_large";
            case 503 -> "unavailable";
            default -> status >= 500 ? "internal_error" : "bad_request";
        };
        String text = message == null || message.isBlank() ? HttpStatus.getMessage(status) : message;
        return ("{\"success\":false,\"reason\":\"" + code + "\",\"message\":" + quote(text) + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < Math.min(text.length(), 200); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
