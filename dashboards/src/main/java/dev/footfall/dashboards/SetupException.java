package dev.footfall.dashboards;

/** A failure the user can act on: the message says what went wrong and where; the code is the exit code. */
public class SetupException extends RuntimeException {

    private final ExitCode exitCode;

    public SetupException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public SetupException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
