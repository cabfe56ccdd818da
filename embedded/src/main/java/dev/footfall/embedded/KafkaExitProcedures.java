package dev.footfall.embedded;

import org.apache.kafka.common.utils.Exit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Turns Kafka's {@code Exit.exit}/{@code Exit.halt} into exceptions. A broker that hits a fatal
 * error calls them to end the process; in-process that would kill the test JVM (surefire only
 * reports "the forked VM terminated without saying goodbye") or the whole local launcher. The
 * procedures are JVM-wide, so this is installed once and never reset.
 */
public final class KafkaExitProcedures {

    private static final Logger LOG = LogManager.getLogger(KafkaExitProcedures.class);

    private KafkaExitProcedures() {
    }

    /** Thrown in the Kafka thread that asked the JVM to exit or halt. */
    public static final class KafkaExitException extends IllegalStateException {
        private final int statusCode;

        KafkaExitException(String kind, int statusCode, String message) {
            super("Embedded Kafka asked the JVM to " + kind + " with status " + statusCode
                    + (message == null ? "" : ": " + message));
            this.statusCode = statusCode;
        }

        public int statusCode() {
            return statusCode;
        }
    }

    public static synchronized void throwInsteadOfExiting() {
        Exit.setExitProcedure((statusCode, message) -> fail("exit", statusCode, message));
        Exit.setHaltProcedure((statusCode, message) -> fail("halt", statusCode, message));
    }

    private static void fail(String kind, int statusCode, String message) {
        KafkaExitException failure = new KafkaExitException(kind, statusCode, message);
        // Logged here too: the throwing thread is often a Kafka background thread nobody joins.
        LOG.error(failure.getMessage(), failure);
        throw failure;
    }
}
