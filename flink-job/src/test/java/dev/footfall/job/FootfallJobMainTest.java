package dev.footfall.job;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * A bad parameter must be thrown, never end the JVM: on a cluster this main runs inside the
 * JobManager (RealClusterITCase shows the JobManager and its other jobs carry on). Were it to call
 * System.exit, this test's JVM would end and the run would fail.
 */
class FootfallJobMainTest {

    @Test
    void shouldThrowABadFlagWithItsNameInsteadOfExiting() {
        assertThatThrownBy(() -> FootfallJobMain.main(new String[] {"--session-gap", "soon"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--session-gap").hasMessageContaining("soon").hasMessageContaining("--help");
    }

    @Test
    void shouldThrowAnUnknownFlagWithTheListOfFlags() {
        assertThatThrownBy(() -> FootfallJobMain.main(new String[] {"--sesion-gap", "1m"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown flag --sesion-gap").hasMessageContaining("--session-gap");
    }
}
