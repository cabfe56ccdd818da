package dev.footfall.job.sink;

import java.io.Serializable;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.http.HttpHost;

/**
 * Where and how to reach OpenSearch: one or more base URLs ({@code http://localhost:9200} or,
 * with the security plugin, {@code https://...}), optional basic-auth credentials, and whether to
 * accept a self-signed certificate (the demo certificate of the docker-compose setup). The latter
 * must be asked for explicitly: it disables certificate checks.
 */
public record OpenSearchConnection(List<String> urls, String username, String password, boolean trustSelfSigned)
        implements Serializable {

    public OpenSearchConnection {
        Objects.requireNonNull(urls, "urls");
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("at least one OpenSearch URL is needed");
        }
        urls = List.copyOf(urls);
        for (String url : urls) {
            URI uri = URI.create(url);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                throw new IllegalArgumentException("an OpenSearch URL must start with http:// or https://, got " + url);
            }
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("an OpenSearch URL needs a host, got " + url);
            }
        }
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException("give both an OpenSearch user and password, or neither");
        }
    }

    public static OpenSearchConnection of(String url) {
        return new OpenSearchConnection(List.of(url), null, null, false);
    }

    public HttpHost[] hosts() {
        List<HttpHost> hosts = new ArrayList<>();
        for (String url : urls) {
            URI uri = URI.create(url);
            int port = uri.getPort() != -1 ? uri.getPort() : ("https".equals(uri.getScheme()) ? 443 : 9200);
            hosts.add(new HttpHost(uri.getHost(), port, uri.getScheme()));
        }
        return hosts.toArray(new HttpHost[0]);
    }

    /** A path prefix when OpenSearch sits behind a proxy path, else null. */
    public String pathPrefix() {
        String path = URI.create(urls.get(0)).getPath();
        return path == null || path.isEmpty() || path.equals("/") ? null : path;
    }

    @Override
    public String toString() {
        return "OpenSearchConnection" + urls + (username == null ? "" : " as " + username)
                + (trustSelfSigned ? " (trusting self-signed certificates)" : "");
    }
}
