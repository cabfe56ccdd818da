package dev.footfall.dashboards.opensearch;

import dev.footfall.index.client.RestClient;
import dev.footfall.index.client.ServerException;
import dev.footfall.index.client.ServerReadiness;

/**
 * Turns an OpenSearch answer the setup cannot go on with into the failure the user sees: refused
 * credentials are an auth failure, any other non-2xx answer a refusal (exit code 5) that says what
 * was refused and OpenSearch's reason.
 */
final class OpenSearchAnswers {

    private OpenSearchAnswers() {
    }

    /** Fails unless {@code response} is 2xx; {@code refused} says what OpenSearch refused. */
    static void requireSuccess(RestClient client, RestClient.Response response, String refused) {
        requireAuthorized(client, response);
        if (!response.isSuccess()) {
            throw rejected(response, refused);
        }
    }

    /** Fails on 401 or 403, naming the user; any other answer is left to the caller. */
    static void requireAuthorized(RestClient client, RestClient.Response response) {
        if (response.isAuthFailure()) {
            throw ServerReadiness.authFailure(client.endpoint(), response);
        }
    }

    static ServerException rejected(RestClient.Response response, String refused) {
        return new ServerException(ServerException.Kind.REJECTED,
                refused + ": HTTP " + response.status() + " " + response.errorSummary());
    }
}
