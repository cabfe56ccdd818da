package dev.footfall.console.auth;

/** A request without the right to what it asks: 401 without valid credentials, 403 for a site they do not cover. */
public final class AccessDenied extends RuntimeException {

    private final int status;

    public AccessDenied(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
