package dev.footfall.gateway.http;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * Reads a request body without blocking: read what has arrived, and when nothing has, ask Jetty
 * to call back when more does ({@code demand}). The body is copied into one array that grows
 * as needed (sized from Content-Length when the client sent one), and reading stops as soon as
 * the body passes the limit, so an endless chunked body costs no more than the limit.
 *
 * <p>Kept over Jetty's {@code Content.Source.asByteArrayAsync(source, limit, promise)} because it
 * pays where the gateway lives, small bodies: measured in one JVM over the same chunks (6
 * alternating rounds, 2 cores at load average 24), a 600-byte single event took 0.11-1.08 us here
 * against 0.22-2.32 us with Jetty's helper, slower in every round; 16 KB and 200 KB bodies were
 * within noise of each other. It also knows how many bytes came before the limit was passed,
 * which the 413's message names.
 *
 * <p>Public for the benchmark's bare-Jetty floor, which must read bodies exactly as the gateway does.
 */
public final class BodyReader implements Runnable {

    /** Receives the outcome; exactly one method is called, once. */
    public interface Listener {
        void body(byte[] bytes, int length);

        void tooLarge(long bytesSoFar);

        void failed(Throwable failure);
    }

    private final Request request;
    private final int limit;
    private final Listener listener;
    private byte[] bytes;
    private int length;

    private BodyReader(Request request, int limit, Listener listener) {
        this.request = request;
        this.limit = limit;
        this.listener = listener;
        long declared = request.getLength();
        this.bytes = new byte[declared > 0 && declared <= limit ? (int) declared : 1024];
    }

    public static void read(Request request, int limit, Listener listener) {
        new BodyReader(request, limit, listener).run();
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
                listener.failed(chunk.getFailure());
                return;
            }
            ByteBuffer buffer = chunk.getByteBuffer();
            int n = buffer.remaining();
            if ((long) length + n > limit) {
                chunk.release();
                listener.tooLarge((long) length + n);
                return;
            }
            if (length + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.min(limit, Math.max(bytes.length * 2, length + n)));
            }
            buffer.get(bytes, length, n);
            length += n;
            boolean last = chunk.isLast();
            chunk.release();
            if (last) {
                listener.body(bytes, length);
                return;
            }
        }
    }
}
