package dev.footfall.tracker.browser;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds a test page that embeds the tracker the way the documentation tells site owners to:
 * optional head scripts (for example the queue stub), the body, then the script tag.
 */
public final class TrackerPage {

    /** The queue stub from docs/tracker.md, byte for byte: calls made before the script loads are kept. */
    public static final String QUEUE_STUB = "<script>!function(w,f){f=w.footfall=w.footfall||{q:[]};"
            + "\"track page identify reset optOut optIn\".split(\" \").forEach(function(m){f[m]=f[m]||function(){"
            + "f.q.push([m,arguments])}});w.trackEvent=w.trackEvent||function(n,d){f.track(n,d)}}(window);</script>";

    private final TrackerBackend backend;
    private final Map<String, String> options = new LinkedHashMap<>();
    private final StringBuilder head = new StringBuilder();
    private final StringBuilder body = new StringBuilder();
    private String title = "Test page";
    private String scriptUrl;

    private TrackerPage(TrackerBackend backend) {
        this.backend = backend;
        // Short delays keep the tests quick; the batching tests set their own.
        options.put("flush-interval", "100");
    }

    public static TrackerPage of(TrackerBackend backend) {
        return new TrackerPage(backend);
    }

    /** A switch on the script tag, such as {@code cookieless} for {@code data-cookieless}. */
    public TrackerPage option(String name) {
        return option(name, "");
    }

    /**
     * An option on the script tag, such as {@code ("batch-size", "3")} for {@code data-batch-size="3"};
     * {@code host} replaces the backend's address.
     */
    public TrackerPage option(String name, String value) {
        options.put(name, value);
        return this;
    }

    public TrackerPage title(String title) {
        this.title = title;
        return this;
    }

    /** Adds raw HTML (usually a script) to the head, which runs before the tracker loads. */
    public TrackerPage head(String html) {
        head.append(html);
        return this;
    }

    /** Loads the script from another address than the backend's (a first-party proxy's path, say). */
    public TrackerPage scriptUrl(String url) {
        this.scriptUrl = url;
        return this;
    }

    /** No {@code data-host}: the script sends beside itself. */
    public TrackerPage withoutHost() {
        options.put("host", null);
        return this;
    }

    public TrackerPage withQueueStub() {
        return head(QUEUE_STUB);
    }

    /** Adds raw HTML to the body, before the tracker's script tag. */
    public TrackerPage body(String html) {
        body.append(html);
        return this;
    }

    public String html() {
        StringBuilder tag = new StringBuilder("<script async src=\"")
                .append(scriptUrl != null ? scriptUrl : backend.scriptUrl()).append('"');
        if (!options.containsKey("host")) {
            tag.append(" data-host=\"").append(backend.host()).append('"');
        }
        if (backend.writeKey() != null) {
            tag.append(" data-write-key=\"").append(backend.writeKey()).append('"');
        }
        tag.append(" data-site=\"").append(backend.site()).append('"');
        options.forEach((name, value) -> {
            if (value != null) {
                tag.append(" data-").append(name).append("=\"").append(value).append('"');
            }
        });
        tag.append("></script>");
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + title + "</title>" + head
                + "</head><body>" + body + tag + "</body></html>";
    }
}
