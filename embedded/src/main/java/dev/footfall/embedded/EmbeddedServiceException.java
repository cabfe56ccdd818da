package dev.footfall.embedded;

/** An embedded service failed to start, stop or answer; the message names the service and the step. */
public class EmbeddedServiceException extends RuntimeException {

    public EmbeddedServiceException(String message) {
        super(message);
    }

    public EmbeddedServiceException(String message, Throwable cause) {
        super(message, cause);
    }
}
