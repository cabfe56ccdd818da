package dev.footfall.embedded;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.utils.Exit;
import org.junit.jupiter.api.Test;

class KafkaExitProceduresTest {

    // If this broke, the test JVM would die here, which surefire reports as a crashed fork.
    @Test
    void shouldTurnKafkasExitAndHaltIntoExceptions() {
        KafkaExitProcedures.throwInsteadOfExiting();

        assertThatThrownBy(() -> Exit.halt(1, "log directory failed"))
                .isInstanceOf(KafkaExitProcedures.KafkaExitException.class)
                .hasMessageContaining("halt").hasMessageContaining("status 1").hasMessageContaining("log directory failed");
        assertThatThrownBy(() -> Exit.exit(3))
                .isInstanceOf(KafkaExitProcedures.KafkaExitException.class)
                .hasMessageContaining("exit with status 3");
    }
}
