package dev.footfall.gateway.http;

import dev.footfall.gateway.ingest.Refusal;
import dev.footfall.gateway.metrics.GatewayMetrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /footfall.js}: the tracker script from the tracker module's jar. It is read and
 * gzipped once at start-up, so serving it is a header check and a buffer write. Strong ETags
 * (one per encoding) let browsers revalidate with a 304.
 */
final class TrackerScriptHandler extends Handler.Abstract.NonBlocking {

    static final String ROUTE = "/footfall.js";

    private static final PreEncodedHttpField JAVASCRIPT = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE,
            "text/javascript; charset=utf-8");
    private static final PreEncodedHttpField VARY = new PreEncodedHttpField(HttpHeader.VARY, "Accept-Encoding");
    private static final PreEncodedHttpField GZIP = new PreEncodedHttpField(HttpHeader.CONTENT_ENCODING, "gzip");

    private final String resource;
    private final GatewayMetrics metrics;
    private final byte[] plain;
    private final byte[] gzipped;
    private final String etag;
    private final String gzipEtag;
    private final PreEncodedHttpField cacheControl;

    TrackerScriptHandler(String resource, Duration cacheAge, GatewayMetrics metrics) {
        this.resource = resource;
        this.metrics = metrics;
        this.plain = load(resource);
        this.gzipped = plain == null ? null : gzip(plain);
        String hash = plain == null ? "" : sha256(plain).substring(0, 32);
        this.etag = "\"" + hash + "\"";
        this.gzipEtag = "\"" + hash + "-gz\"";
        this.cacheControl = new PreEncodedHttpField(HttpHeader.CACHE_CONTROL, "public, max-age=" + cacheAge.toSeconds());
    }

    boolean isAvailable() {
        return plain != null;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Exchange exchange = new Exchange(ROUTE, response, callback, metrics, request.getLength() != 0);
        String method = request.getMethod();
        boolean head = HttpMethod.HEAD.is(method);
        if (!head && !HttpMethod.GET.is(method)) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            exchange.refuse(Refusal.METHOD_NOT_ALLOWED, Request.getPathInContext(request) + " accepts GET and HEAD, not " + method);
            return true;
        }
        if (plain == null) {
            exchange.refuse(Refusal.NOT_FOUND, "this gateway was built without the tracker (" + resource + ")");
            return true;
        }
        HttpFields requestHeaders = request.getHeaders();
        boolean useGzip = acceptsGzip(requestHeaders.get(HttpHeader.ACCEPT_ENCODING));
        String tag = useGzip ? gzipEtag : etag;
        HttpFields.Mutable headers = response.getHeaders();
        headers.put(cacheControl);
        headers.ensureField(VARY); // merged into Cors's Vary: Origin
        headers.put(HttpHeader.ETAG, tag);
        String ifNoneMatch = requestHeaders.get(HttpHeader.IF_NONE_MATCH);
        if (ifNoneMatch != null && (ifNoneMatch.contains(tag) || ifNoneMatch.trim().equals("*"))) {
            metrics.request(ROUTE, 304);
            response.setStatus(304);
            response.write(true, null, callback);
            return true;
        }
        byte[] body = useGzip ? gzipped : plain;
        headers.put(JAVASCRIPT);
        if (useGzip) {
            headers.put(GZIP);
        }
        headers.put(HttpHeader.CONTENT_LENGTH, body.length);
        metrics.request(ROUTE, 200);
        response.setStatus(200);
        response.write(true, head ? null : ByteBuffer.wrap(body), callback);
        return true;
    }

    /** gzip listed in Accept-Encoding, unless with q=0. */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String part : acceptEncoding.split(",")) {
            String[] pieces = part.split(";");
            String coding = pieces[0].trim();
            if (coding.equalsIgnoreCase("gzip") || coding.equals("*")) {
                for (int i = 1; i < pieces.length; i++) {
                    String param = pieces[i].trim();
                    if (param.startsWith("q=") && isZero(param.substring(2))) {
                        return false;
                    }
                }
                return true;
            }
        }
        return false;
    }

    private static boolean isZero(String quality) {
        try {
            return Double.parseDouble(quality.trim()) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static byte[] load(String resource) {
        try (InputStream in = TrackerScriptHandler.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out) {
            {
                def.setLevel(java.util.zip.Deflater.BEST_COMPRESSION);
            }
        }) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
