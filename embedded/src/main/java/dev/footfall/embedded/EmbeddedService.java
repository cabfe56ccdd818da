package dev.footfall.embedded;

import java.util.concurrent.TimeUnit;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The lifecycle both embedded services share: {@link #start()} brings the service up (a no-op while
 * it runs), {@link #stop()} takes it down so a later start can bring it back on the same port and
 * data, and {@link #close()} stops it for good and releases its data directory. Subclasses say how
 * to start and stop the real server; this class keeps the order, the closed state and the timing log.
 *
 * @param <S> the service itself, so {@code start()} can be chained from its builder
 */
abstract class EmbeddedService<S extends EmbeddedService<S>> implements AutoCloseable {

    private final Logger log = LogManager.getLogger(getClass());
    private final String name;
    /** The service's data, kept across a stop and start; released on close. */
    final DataDirectory directory;
    private boolean closed;

    EmbeddedService(String name, DataDirectory directory) {
        this.name = name;
        this.directory = directory;
    }

    /** Brings the server up and returns once it answers; on failure it leaves nothing running. */
    abstract void startServer();

    /** Takes the running server down and waits for it. */
    abstract void stopServer();

    /** Where clients reach the service, for the log. */
    abstract String address();

    public abstract boolean isRunning();

    /**
     * Starts the service and returns once it answers clients. Starting a running service does
     * nothing; a stopped one comes back on the same port and data.
     */
    public synchronized S start() {
        if (closed) {
            throw new IllegalStateException(name + " is closed; build a new one");
        }
        if (!isRunning()) {
            long startNanos = System.nanoTime();
            startServer();
            log.info("{} started in {} ms on {} (data {})", name, millisSince(startNanos), address(), directory);
        }
        return self();
    }

    /** Stops the service; {@link #start()} brings it back on the same port and data. */
    public synchronized void stop() {
        if (!isRunning()) {
            return;
        }
        long startNanos = System.nanoTime();
        stopServer();
        log.info("{} on {} stopped in {} ms", name, address(), millisSince(startNanos));
    }

    /** Stops the service for good and deletes its data directory if it was a temporary one. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        try {
            stop();
        } finally {
            closed = true;
            directory.release();
        }
    }

    @SuppressWarnings("unchecked")
    private S self() {
        return (S) this;
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
