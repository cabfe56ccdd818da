package dev.footfall.console.query;

/** OpenSearch could not answer: unreachable, refused the credentials, or failed. Not the caller's fault. */
public final class StatsUnavailableException extends RuntimeException {

    public StatsUnavailableException(String message) {
        super(message);
    }

    public StatsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
