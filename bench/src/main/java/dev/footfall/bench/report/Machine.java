package dev.footfall.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The machine a report was measured on, from /proc and the JVM's system properties. The load
 * average says how busy the (shared) machine already was when the run started.
 */
public record Machine(
        String cpuModel,
        int cores,
        long memoryMb,
        String os,
        String kernel,
        String arch,
        String jvm,
        String javaVersion,
        long orchestratorMaxHeapMb,
        String loadAverageAtStart) {

    public static Machine describe() {
        return new Machine(
                readCpuModel().orElse("unknown"),
                Runtime.getRuntime().availableProcessors(),
                memTotalKb().map(kb -> kb / 1024).orElse(-1L),
                osRelease().orElse(System.getProperty("os.name")),
                System.getProperty("os.version"),
                System.getProperty("os.arch"),
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version", System.getProperty("java.version")),
                Runtime.getRuntime().maxMemory() / (1024 * 1024),
                loadAverage().orElse("unknown"));
    }

    static Optional<String> readCpuModel() {
        return lines(Path.of("/proc/cpuinfo")).stream()
                .filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).strip())
                .findFirst();
    }

    static Optional<Long> memTotalKb() {
        return lines(Path.of("/proc/meminfo")).stream()
                .filter(l -> l.startsWith("MemTotal:"))
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
                .findFirst();
    }

    static Optional<String> osRelease() {
        return lines(Path.of("/etc/os-release")).stream()
                .filter(l -> l.startsWith("PRETTY_NAME="))
                .map(l -> l.substring("PRETTY_NAME=".length()).replace("\"", ""))
                .findFirst();
    }

    /** The 1, 5 and 15 minute load averages. */
    public static Optional<String> loadAverage() {
        List<String> lines = lines(Path.of("/proc/loadavg"));
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        String[] parts = lines.get(0).split("\\s+");
        return parts.length >= 3 ? Optional.of(parts[0] + " " + parts[1] + " " + parts[2]) : Optional.empty();
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
