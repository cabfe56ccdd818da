package dev.footfall.console.query;

/**
 * A query the API refuses, with a message that names the field and the problem (the API answers
 * it with 400 and {@code {"error": message}}, as Plausible does).
 */
public final class QueryException extends RuntimeException {

    public QueryException(String message) {
        super(message);
    }
}
