package dev.footfall.index.client;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a server is and how to talk to it: base URL, optional basic-auth credentials, and how to
 * trust its TLS certificate.
 *
 * @param name       what the server is, for messages ("OpenSearch", "OpenSearch Dashboards")
 * @param baseUri    for example {@code https://localhost:9200}
 * @param credentials basic auth, when the security plugin is on
 * @param tls        how to check the server's certificate over https
 */
public record Endpoint(String name, URI baseUri, Optional<Credentials> credentials, TlsTrust tls) {

    public Endpoint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(baseUri, "baseUri");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(tls, "tls");
        String scheme = baseUri.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException(name + " URL '" + baseUri + "' must start with http:// or https://");
        }
        if (baseUri.getHost() == null) {
            throw new IllegalArgumentException(name + " URL '" + baseUri + "' has no host");
        }
    }

    public static Endpoint of(String name, String url) {
        return new Endpoint(name, URI.create(stripTrailingSlash(url)), Optional.empty(), TlsTrust.systemDefault());
    }

    public Endpoint withCredentials(String user, String password) {
        if (user == null || user.isEmpty()) {
            return new Endpoint(name, baseUri, Optional.empty(), tls);
        }
        return new Endpoint(name, baseUri, Optional.of(new Credentials(user, password == null ? "" : password)), tls);
    }

    public Endpoint withTls(TlsTrust tls) {
        return new Endpoint(name, baseUri, credentials, tls);
    }

    public URI resolve(String pathAndQuery) {
        String base = baseUri.toString();
        return URI.create(base + (pathAndQuery.startsWith("/") ? pathAndQuery : "/" + pathAndQuery));
    }

    private static String stripTrailingSlash(String url) {
        String u = url.trim();
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return u;
    }

    /** Basic-auth credentials; the password never appears in {@link #toString()}. */
    public record Credentials(String user, String password) {
        @Override
        public String toString() {
            return "Credentials[user=" + user + ", password=***]";
        }
    }
}
