package dev.footfall.index.client;

import dev.footfall.index.client.ServerException.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/**
 * Waits until a server answers "ready" or a deadline passes, so a command can start together with
 * the servers (the setup command as a docker-compose one-shot service, the local launcher). Credentials
 * that are refused end the wait at once: waiting longer would not fix them.
 */
public final class ServerReadiness {

    private static final Duration POLL = Duration.ofMillis(500);

    private ServerReadiness() {
    }

    /** OpenSearch is ready when the cluster is at least yellow (security initialised, if any). */
    public static void awaitOpenSearch(RestClient client, Duration timeout) {
        await(client, "/_cluster/health?wait_for_status=yellow&timeout=1s", r -> r.status() == 200, timeout);
    }

    /** OpenSearch Dashboards answers 503 "not ready yet" until it has started; then 200. */
    public static void awaitDashboards(RestClient client, Duration timeout) {
        await(client, "/api/status", r -> r.status() == 200, timeout);
    }

    static void await(RestClient client, String path, Predicate<RestClient.Response> ready, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        String lastState = "no answer yet";
        while (true) {
            try {
                RestClient.Response response = client.get(path);
                if (response.isAuthFailure()) {
                    throw authFailure(client.endpoint(), response);
                }
                if (ready.test(response)) {
                    return;
                }
                lastState = "last answer " + response.status() + " " + response.errorSummary();
            } catch (ServerException e) {
                if (e.kind() != Kind.UNREACHABLE) {
                    throw e;
                }
                lastState = e.getMessage();
            }
            Duration left = Duration.between(Instant.now(), deadline);
            if (left.isNegative() || left.isZero()) {
                throw new ServerException(Kind.UNREACHABLE, client.endpoint().name() + " at " + client.endpoint().baseUri()
                        + " was not ready within " + timeout.toSeconds() + " s (" + lastState + ")");
            }
            pause(left.compareTo(POLL) < 0 ? left : POLL);
        }
    }

    /** The error for a 401/403 answer; shared by every caller that meets one. */
    public static ServerException authFailure(Endpoint endpoint, RestClient.Response response) {
        String who = endpoint.credentials().map(c -> "user '" + c.user() + "'").orElse("no credentials");
        String what = response.status() == 401
                ? "refused the credentials (" + who + "); set the user and password options"
                : "denied " + response.method() + " " + response.path() + " to " + who + " (missing permission)";
        return new ServerException(Kind.AUTH_FAILED, endpoint.name() + " at " + endpoint.baseUri() + " "
                + what + ": HTTP " + response.status() + " " + response.errorSummary());
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(Math.max(1, d.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerException(Kind.FAILED, "interrupted while waiting for a server", e);
        }
    }
}
