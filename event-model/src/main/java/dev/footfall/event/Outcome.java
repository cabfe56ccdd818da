package dev.footfall.event;

import java.util.Objects;
import java.util.function.Function;

/**
 * Either a value or a {@link Rejection}. The codec and the rules return this instead of throwing,
 * so no input can escape as an exception.
 */
public sealed interface Outcome<T> permits Outcome.Accepted, Outcome.Rejected {

    static <T> Outcome<T> accepted(T value) {
        return new Accepted<>(value);
    }

    static <T> Outcome<T> rejected(Rejection rejection) {
        return new Rejected<>(rejection);
    }

    static <T> Outcome<T> rejected(ReasonCode reason, String message) {
        return new Rejected<>(Rejection.of(reason, message));
    }

    boolean isAccepted();

    /** The value; throws if rejected. */
    T value();

    /** The rejection; throws if accepted. */
    Rejection rejection();

    /** Applies the next step to an accepted value; a rejection passes through unchanged. */
    <R> Outcome<R> then(Function<T, Outcome<R>> next);

    record Accepted<T>(T value) implements Outcome<T> {
        public Accepted {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public boolean isAccepted() {
            return true;
        }

        @Override
        public Rejection rejection() {
            throw new IllegalStateException("accepted outcome has no rejection");
        }

        @Override
        public <R> Outcome<R> then(Function<T, Outcome<R>> next) {
            return next.apply(value);
        }
    }

    record Rejected<T>(Rejection rejection) implements Outcome<T> {
        public Rejected {
            Objects.requireNonNull(rejection, "rejection");
        }

        @Override
        public boolean isAccepted() {
            return false;
        }

        @Override
        public T value() {
            throw new IllegalStateException("rejected: " + rejection);
        }

        @Override
        public <R> Outcome<R> then(Function<T, Outcome<R>> next) {
            return new Rejected<>(rejection);
        }
    }
}
