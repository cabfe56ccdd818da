package dev.footfall.bench.gateway;

import dev.footfall.gateway.http.BodyReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The HTTP floor's whole work: read the body without blocking with the gateway's own
 * {@link BodyReader}, and answer 202 with a small JSON body. Anything the gateway does beyond
 * this (parsing, checking, enriching, Kafka) is what the ratio measures.
 */
final class ReadAndAcceptHandler extends Handler.Abstract.NonBlocking {

    private static final byte[] ACCEPTED = "{\"success\":true}".getBytes(StandardCharsets.UTF_8);
    /** Far above any body the bench sends (a 50-event batch is some 20 KB). */
    private static final int LIMIT = 1 << 20;

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        BodyReader.read(request, LIMIT, new BodyReader.Listener() {
            @Override
            public void body(byte[] bytes, int length) {
                response.setStatus(HttpStatus.ACCEPTED_202);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json;charset=utf-8");
                response.write(true, ByteBuffer.wrap(ACCEPTED), callback);
            }

            @Override
            public void tooLarge(long bytesSoFar) {
                Response.writeError(request, response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413,
                        "body over " + LIMIT + " bytes");
            }

            @Override
            public void failed(Throwable failure) {
                callback.failed(failure);
            }
        });
        return true;
    }
}
