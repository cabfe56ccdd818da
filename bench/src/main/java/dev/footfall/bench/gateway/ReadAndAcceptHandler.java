package dev.footfall.bench.gateway;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The HTTP floor's whole work: read the body without blocking, copied into one array sized from
 * Content-Length (as the gateway's reader does), and answer 202 with a small JSON body. Anything
 * the gateway does beyond this (parsing, checking, enriching, Kafka) is what the ratio measures.
 */
final class ReadAndAcceptHandler extends Handler.Abstract.NonBlocking {

    private static final byte[] ACCEPTED = "{\"success\":true}".getBytes(StandardCharsets.UTF_8);

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        new Reader(request, response, callback).run();
        return true;
    }

    /** Reads what has arrived; asks to be called again when more does. */
    private static final class Reader implements Runnable {
        private final Request request;
        private final Response response;
        private final Callback callback;
        private byte[] bytes;
        private int length;

        Reader(Request request, Response response, Callback callback) {
            this.request = request;
            this.response = response;
            this.callback = callback;
            long declared = request.getLength();
            this.bytes = new byte[declared > 0 && declared < (1 << 20) ? (int) declared : 1024];
        }

        @Override
        public void run() {
            while (true) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    request.demand(this);
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    callback.failed(chunk.getFailure());
                    return;
                }
                ByteBuffer buffer = chunk.getByteBuffer();
                int n = buffer.remaining();
                if (length + n > bytes.length) {
                    bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + n));
                }
                buffer.get(bytes, length, n);
                length += n;
                boolean last = chunk.isLast();
                chunk.release();
                if (last) {
                    response.setStatus(HttpStatus.ACCEPTED_202);
                    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json;charset=utf-8");
                    response.write(true, ByteBuffer.wrap(ACCEPTED), callback);
                    return;
                }
            }
        }
    }
}
