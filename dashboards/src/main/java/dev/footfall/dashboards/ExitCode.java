package dev.footfall.dashboards;

import dev.footfall.dashboards.savedobjects.ImportFailedException;
import dev.footfall.index.client.ServerException;
import picocli.CommandLine;

/** Process exit codes of the setup command; stable, so scripts and docker-compose can act on them. */
public enum ExitCode {
    OK(0),
    /** Something unexpected: a bug or an I/O failure that fits no other code. */
    FAILED(1),
    /** Bad command line or configuration (picocli's own usage code). */
    USAGE(2),
    /** A server did not answer (connection refused, DNS, TLS) or was not ready before the deadline. */
    UNREACHABLE(3),
    /** A server answered 401 or 403: wrong credentials or missing permissions. */
    AUTH_FAILED(4),
    /** OpenSearch refused an index template, a policy or a deletion. */
    OPENSEARCH_REJECTED(5),
    /** OpenSearch Dashboards refused the import or reported errors for some objects. */
    IMPORT_FAILED(6);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The exit code of a failed server call: who refused is in the message, the code says how. */
    public static ExitCode of(ServerException.Kind kind) {
        return switch (kind) {
            case UNREACHABLE -> UNREACHABLE;
            case AUTH_FAILED -> AUTH_FAILED;
            case REJECTED -> OPENSEARCH_REJECTED;
            case FAILED -> FAILED;
        };
    }

    /**
     * The exit code of a failure: a refused import, a failed server call by its kind, a bad option
     * or value; anything else is unexpected.
     */
    public static ExitCode of(Throwable failure) {
        if (failure instanceof ImportFailedException) {
            return IMPORT_FAILED;
        }
        if (failure instanceof ServerException e) {
            return of(e.kind());
        }
        if (failure instanceof CommandLine.ParameterException || failure instanceof IllegalArgumentException) {
            return USAGE;
        }
        return FAILED;
    }
}
