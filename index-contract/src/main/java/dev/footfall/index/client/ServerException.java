package dev.footfall.index.client;

/**
 * A server call that failed in a way the user can act on: the message says which server, where,
 * and what went wrong; the kind says what sort of failure it was, so a command can map it to its
 * own exit code or hint (the setup command's exit codes, the launcher's "is the pipeline
 * running?").
 */
public class ServerException extends RuntimeException {

    /** What sort of failure. */
    public enum Kind {
        /** No answer: connection refused, DNS, TLS, timeout, or not ready before a deadline. */
        UNREACHABLE,
        /** 401 or 403: wrong credentials or a missing permission. */
        AUTH_FAILED,
        /** The server answered, but refused the request (any other non-2xx status). */
        REJECTED,
        /** Anything else: an answer that is not JSON, an interrupted call. */
        FAILED
    }

    private final Kind kind;

    public ServerException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public ServerException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
