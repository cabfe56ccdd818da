package dev.footfall.bench;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/** What the bench is doing, on stdout, so a 15-minute run is not a silent one. */
public final class Progress {

    private static volatile boolean quiet;

    private Progress() {
    }

    public static void quiet(boolean value) {
        quiet = value;
    }

    public static void say(String what) {
        if (!quiet) {
            System.out.println(LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " bench: " + what);
        }
    }
}
