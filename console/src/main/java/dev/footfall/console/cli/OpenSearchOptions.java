package dev.footfall.console.cli;

import dev.footfall.index.client.Endpoint;
import dev.footfall.index.client.RestClient;
import dev.footfall.index.client.ServerException;
import dev.footfall.index.client.TlsTrust;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where {@code report}, {@code erase} and {@code keys} find OpenSearch, and what to tell the user when they cannot. */
public final class OpenSearchOptions {

    @Option(names = "--opensearch", defaultValue = "${env:FOOTFALL_OPENSEARCH_URL:-http://127.0.0.1:9200}",
            description = "OpenSearch URL (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--user", defaultValue = "${env:FOOTFALL_OPENSEARCH_USER}", description = "OpenSearch user.")
    String user;

    @Option(names = "--password", defaultValue = "${env:FOOTFALL_OPENSEARCH_PASSWORD}",
            description = "OpenSearch password (prefer the environment variable).")
    String password;

    @Option(names = "--ca-cert", paramLabel = "PEM", defaultValue = "${env:FOOTFALL_CA_CERT}",
            description = "Trust certificates signed by this CA (PEM), as the setup command does (default: the JDK's trust store).")
    Path caCert;

    @Option(names = "--insecure", defaultValue = "${env:FOOTFALL_INSECURE:-false}",
            description = "Trust any TLS certificate (the self-signed demo certificates of docker-compose).")
    boolean insecure;

    public RestClient client() {
        TlsTrust tls = insecure ? TlsTrust.insecureTrustAll()
                : caCert != null ? TlsTrust.caCertificate(caCert) : TlsTrust.systemDefault();
        return new RestClient(Endpoint.of("OpenSearch", url).withCredentials(user, password).withTls(tls));
    }

    /** The failure and what the user can do about it. */
    public static String explain(ServerException e) {
        return switch (e.kind()) {
            case UNREACHABLE -> e.getMessage() + " (is the pipeline running? start it with ./footfall up, or pass --opensearch URL)";
            case AUTH_FAILED -> e.getMessage() + " (pass --user and --password, or FOOTFALL_OPENSEARCH_USER/PASSWORD)";
            default -> e.getMessage();
        };
    }
}
