package dev.footfall.job.sink;

import dev.footfall.index.client.TlsTrust;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.apache.flink.connector.opensearch.sink.RestClientFactory;
import org.apache.http.HttpResponseInterceptor;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.client.CredentialsProvider;
import org.apache.http.conn.ssl.NoopHostnameVerifier;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.opensearch.client.RestClientBuilder;

/**
 * Configures each sink's OpenSearch client where the sink runs (on a TaskManager, each time it
 * opens): credentials, with the password read from its file there, so that it never travels in
 * the job graph and a corrected file is used on the next restart; certificate trust from the one
 * {@link TlsTrust} of every component; and a refusal of the credentials turned into an error that
 * names the server and the user, which then fails the job and so lets it retry from its last
 * checkpoint (nothing acknowledged is lost while the password is wrong).
 */
public final class OpenSearchClientFactory implements RestClientFactory {

    private static final long serialVersionUID = 1L;

    private final OpenSearchConnection connection;

    public OpenSearchClientFactory(OpenSearchConnection connection) {
        this.connection = Objects.requireNonNull(connection, "connection");
    }

    @Override
    public void configureRestClientBuilder(RestClientBuilder builder, RestClientConfig config) {
        if (connection.pathPrefix() != null) {
            builder.setPathPrefix(connection.pathPrefix());
        }
        TlsTrust trust = trust();
        String user = connection.username();
        String password = connection.hasCredentials() ? password() : null;
        String where = String.join(",", connection.urls());
        builder.setHttpClientConfigCallback(http -> {
            http.setSSLContext(trust.sslContext());
            if (connection.trustSelfSigned()) {
                http.setSSLHostnameVerifier(NoopHostnameVerifier.INSTANCE);
            }
            if (user != null) {
                CredentialsProvider credentials = new BasicCredentialsProvider();
                credentials.setCredentials(AuthScope.ANY, new UsernamePasswordCredentials(user, password));
                http.setDefaultCredentialsProvider(credentials);
            }
            http.addInterceptorLast((HttpResponseInterceptor) (response, context) -> {
                int status = response.getStatusLine().getStatusCode();
                if (status == 401 || status == 403) {
                    throw new IOException(refusal(where, user, status));
                }
            });
            return http;
        });
        builder.setRequestConfigCallback(request -> {
            if (config.getConnectionRequestTimeout() != null) {
                request.setConnectionRequestTimeout(config.getConnectionRequestTimeout());
            }
            if (config.getConnectionTimeout() != null) {
                request.setConnectTimeout(config.getConnectionTimeout());
            }
            if (config.getSocketTimeout() != null) {
                request.setSocketTimeout(config.getSocketTimeout());
            }
            return request;
        });
    }

    /** What the user reads in the job's exception (Flink's web UI) and the TaskManager's log. */
    static String refusal(String where, String user, int status) {
        String who = user == null ? "no credentials" : "user '" + user + "'";
        return status == 401
                ? "OpenSearch at " + where + " refused the credentials of " + who + " (HTTP 401); check "
                        + "--opensearch-user and the password (FOOTFALL_OPENSEARCH_PASSWORD or --opensearch-password-file). "
                        + "The job retries from its last checkpoint, so nothing is lost meanwhile"
                : "OpenSearch at " + where + " denied " + who + " a bulk write (HTTP 403): the user lacks a permission";
    }

    private TlsTrust trust() {
        if (connection.trustSelfSigned()) {
            return TlsTrust.insecureTrustAll();
        }
        if (connection.caCertificate() != null) {
            return TlsTrust.caCertificate(Path.of(connection.caCertificate()));
        }
        return TlsTrust.systemDefault();
    }

    private String password() {
        if (connection.passwordFile() == null) {
            return connection.password();
        }
        Path file = Path.of(connection.passwordFile());
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (text.isEmpty()) {
                throw new IllegalStateException("the OpenSearch password file " + file + " is empty");
            }
            return text;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the OpenSearch password file " + file + " ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
    }
}
