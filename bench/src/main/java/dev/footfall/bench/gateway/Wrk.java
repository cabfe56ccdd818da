package dev.footfall.bench.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.footfall.bench.process.ProcessStats;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The load generator: wrk (Debian's package), a C program on epoll that keeps every connection
 * busy with pre-formatted requests. Its own CPU time is measured too, to show it was not the
 * bottleneck.
 */
final class Wrk {

    /** What wrk measured, plus the CPU it used doing it. */
    record Result(long requests, double seconds, long errors, long statusErrors, double p50Millis,
            double p90Millis, double p99Millis, double p999Millis, double maxMillis, double wrkCpuSeconds,
            JsonNode raw) {

        long succeeded() {
            return requests - statusErrors;
        }

        double requestsPerSecond() {
            return succeeded() / seconds;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCRIPT = "dev/footfall/bench/gateway/post-bodies.lua";

    private final Path script;
    private final int threads;
    private final int connections;

    Wrk(Path workDirectory, int threads, int connections) {
        this.script = workDirectory.resolve("post-bodies.lua");
        this.threads = threads;
        this.connections = connections;
        try (InputStream in = Wrk.class.getClassLoader().getResourceAsStream(SCRIPT)) {
            Files.createDirectories(workDirectory);
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the wrk script", e);
        }
    }

    static boolean installed() {
        try {
            Process p = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor(10, TimeUnit.SECONDS);
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** POSTs the bodies of {@code bodies} (one per line) to {@code url + path} for {@code duration}. */
    Result run(String url, String path, Path bodies, String authorization, Duration duration) {
        List<String> command = List.of("wrk", "-t", Integer.toString(threads), "-c", Integer.toString(connections),
                "-d", duration.toSeconds() + "s", "--timeout", "10s", "-s", script.toString(), url,
                "--", bodies.toString(), authorization, path);
        try {
            Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
            long pid = wrk.pid();
            double[] cpu = {0};
            // wrk's CPU time is only readable while it runs; sample it until it exits.
            Thread sampler = new Thread(() -> {
                while (wrk.isAlive()) {
                    double now = ProcessStats.cpuSeconds(pid);
                    if (!Double.isNaN(now)) {
                        cpu[0] = now;
                    }
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "wrk-cpu");
            sampler.setDaemon(true);
            sampler.start();
            String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!wrk.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS)) {
                wrk.destroyForcibly();
                throw new IllegalStateException("wrk did not finish");
            }
            sampler.join();
            String line = output.lines().filter(l -> l.startsWith("@@wrk ")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("wrk printed no summary: " + output));
            JsonNode json = JSON.readTree(line.substring("@@wrk ".length()));
            JsonNode latency = json.path("latencyMicros");
            long errors = json.path("connectErrors").asLong() + json.path("readErrors").asLong()
                    + json.path("writeErrors").asLong() + json.path("timeouts").asLong();
            return new Result(json.path("requests").asLong(), json.path("durationMicros").asLong() / 1e6, errors,
                    json.path("statusErrors").asLong(), latency.path("p50").asLong() / 1e3,
                    latency.path("p90").asLong() / 1e3, latency.path("p99").asLong() / 1e3,
                    latency.path("p999").asLong() / 1e3, latency.path("max").asLong() / 1e3, cpu[0], json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run wrk (install it: apt-get install wrk)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while wrk ran", e);
        }
    }
}
