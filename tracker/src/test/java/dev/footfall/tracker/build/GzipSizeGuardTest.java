package dev.footfall.tracker.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GzipSizeGuardTest {

    @Test
    void measuresAtBestCompressionNeverWorseThanTheDefaultLevel() throws IOException {
        byte[] script = GzipSizeGuardTest.class.getResourceAsStream("/dev/footfall/tracker/footfall.js").readAllBytes();
        ByteArrayOutputStream defaultLevel = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(defaultLevel)) {
            gzip.write(script);
        }
        int measured = GzipSizeGuard.gzippedSize(script);
        assertThat(measured).isPositive().isLessThanOrEqualTo(defaultLevel.size()).isLessThan(script.length);
    }

    @Test
    void passesWithinTheBudgetAndSaysHowMuchIsLeft() {
        byte[] compressible = "footfall ".repeat(1000).getBytes(StandardCharsets.UTF_8);
        GzipSizeGuard.Verdict verdict = GzipSizeGuard.check("small.js", compressible, 2048);
        assertThat(verdict.withinBudget()).isTrue();
        assertThat(verdict.message()).startsWith("small.js: 9,000 bytes minified, " + verdict.gzippedBytes() + " bytes gzipped")
                .contains("budget 2,048").contains("to spare");
    }

    @Test
    void failsOverTheBudgetWithTheSizeInTheMessage() {
        byte[] incompressible = new byte[4000];
        new Random(7).nextBytes(incompressible);
        GzipSizeGuard.Verdict verdict = GzipSizeGuard.check("big.js", incompressible, 2048);
        assertThat(verdict.withinBudget()).isFalse();
        assertThat(verdict.gzippedBytes()).isGreaterThan(4000);
        assertThat(verdict.message()).contains("big.js is " + String.format("%,d", verdict.gzippedBytes()) + " bytes gzipped")
                .contains("over its budget of 2,048 bytes");
    }

    @Test
    void theCommandExitsNonZeroSoTheBuildFails(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("too-big.min.js");
        byte[] incompressible = new byte[3000];
        new Random(11).nextBytes(incompressible);
        Files.write(script, incompressible);

        Process over = guard(script, 2048);
        assertThat(over.waitFor()).isEqualTo(1);
        assertThat(new String(over.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
                .contains("too-big.min.js is").contains("over its budget of 2,048 bytes");

        Process within = guard(script, 10_000);
        assertThat(within.waitFor()).isZero();
        assertThat(new String(within.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).contains("to spare");
    }

    private static Process guard(Path script, int budget) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classes = Path.of(GzipSizeGuard.class.getProtectionDomain().getCodeSource().getLocation().getPath()).toString();
        return new ProcessBuilder(java, "-cp", classes, GzipSizeGuard.class.getName(), script.toString(), String.valueOf(budget))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
    }

}
