package dev.footfall.local.cli;

import java.nio.file.Path;

/**
 * The installation the commands run from: the unpacked distribution (or, in a checkout, the one
 * {@code ./footfall} builds), whose {@code bin/footfall} passes its own directory as
 * {@code -Dfootfall-home}. (Not {@code footfall.home}: every {@code -Dfootfall.*} property is a
 * setting of the layered configuration, which refuses keys it does not know.)
 */
final class Installation {

    private Installation() {
    }

    static Path home() {
        String home = System.getProperty("footfall-home");
        if (home == null) {
            throw new IllegalArgumentException("not started by bin/footfall (no -Dfootfall-home): name the job jar with --job-jar");
        }
        return Path.of(home);
    }

    /** {@code job/footfall-job.jar}: the shaded job jar, the one file a Flink cluster needs. */
    static Path jobJar() {
        return home().resolve("job").resolve("footfall-job.jar");
    }
}
