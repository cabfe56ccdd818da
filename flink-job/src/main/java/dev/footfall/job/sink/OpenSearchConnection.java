package dev.footfall.job.sink;

import java.io.Serializable;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.http.HttpHost;

/**
 * Where and how to reach OpenSearch: one or more base URLs ({@code http://localhost:9200} or,
 * with the security plugin, {@code https://...}), optional basic-auth credentials, and how to
 * check its certificate: the JDK's trust store, a given CA certificate, or not at all (the demo
 * certificate of the docker-compose setup; it must be asked for explicitly).
 *
 * <p>The password is given either as text or as a file. A file is read by the sink where it runs,
 * each time it opens, so the password never travels in the job graph and a corrected file is
 * picked up by the job's next restart.
 *
 * @param password the password, or null (none, or a password file)
 * @param passwordFile a file holding the password, or null
 * @param caCertificate a PEM file of the CA to trust, or null for the JDK's trust store
 */
public record OpenSearchConnection(List<String> urls, String username, String password, String passwordFile,
        String caCertificate, boolean trustSelfSigned) implements Serializable {

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
        if (password != null && passwordFile != null) {
            throw new IllegalArgumentException("give the OpenSearch password or a password file, not both");
        }
        if ((username == null) != (password == null && passwordFile == null)) {
            throw new IllegalArgumentException("give both an OpenSearch user and password (or password file), or neither");
        }
        if (caCertificate != null && trustSelfSigned) {
            throw new IllegalArgumentException(
                    "give a CA certificate to trust or trust self-signed certificates (no check at all), not both");
        }
    }

    public static OpenSearchConnection of(String url) {
        return new OpenSearchConnection(List.of(url), null, null, null, null, false);
    }

    /** The same connection with basic-auth credentials read from a file where the sink runs. */
    public OpenSearchConnection withPasswordFile(String user, String file) {
        return new OpenSearchConnection(urls, user, null, file, caCertificate, trustSelfSigned);
    }

    /** The same connection, trusting certificates signed by the CA in this PEM file. */
    public OpenSearchConnection withCaCertificate(String pemFile) {
        return new OpenSearchConnection(urls, username, password, passwordFile, pemFile, false);
    }

    public boolean hasCredentials() {
        return username != null;
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
                + (passwordFile == null ? "" : " (password from " + passwordFile + ")")
                + (caCertificate == null ? "" : " (trusting the CA " + caCertificate + ")")
                + (trustSelfSigned ? " (trusting self-signed certificates)" : "");
    }
}
