package dev.footfall.gateway;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** The gateway's background timers (deadline sweeps, housekeeping). */
public final class Timers {

    private Timers() {
    }

    /**
     * A timer with one thread of its own, named so a thread dump says whose it is; a daemon, so a
     * timer left running never keeps the JVM alive.
     */
    public static ScheduledExecutorService daemon(String threadName) {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }
}
