package dev.footfall.sdkcompat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real SDKs from the npm registry, test-only tools: installed by the test setup itself into
 * {@code target/npm} with {@code npm ci}, at the exact versions of {@code src/test/npm/package.json}
 * and its lock file (which carries no download URLs: npm asks its configured registry). A clean
 * clone recreates them; an unchanged lock file is installed once. Scripts of the packages are not
 * run ({@code --ignore-scripts}): the SDKs need none, and tests run nothing they do not choose to.
 */
final class NodeTools {

    private static final Path SOURCE = Path.of("src", "test", "npm");
    private static final Path TARGET = Path.of("target", "npm");
    private static final List<String> FILES = List.of("package.json", "package-lock.json", "node-sdks.js");
    private static final Duration INSTALL_DEADLINE = Duration.ofMinutes(5);

    private final Path directory;

    private NodeTools(Path directory) {
        this.directory = directory;
    }

    /** Installs the pinned packages unless {@code target/npm} already holds exactly them. */
    static NodeTools install() {
        try {
            Files.createDirectories(TARGET);
            for (String file : FILES) {
                Files.copy(SOURCE.resolve(file), TARGET.resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            String lock = Files.readString(SOURCE.resolve("package-lock.json"));
            Path stamp = TARGET.resolve("node_modules").resolve(".footfall-installed-lock");
            if (!Files.exists(stamp) || !Files.readString(stamp).equals(lock)) {
                Result npm = run(TARGET, INSTALL_DEADLINE, "npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund");
                if (npm.exitCode() != 0) {
                    throw new IllegalStateException("npm ci failed (Node 20 and npm must be installed, and the npm "
                            + "registry reachable): " + npm.output());
                }
                Files.writeString(stamp, lock);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + TARGET.toAbsolutePath(), e);
        }
        return new NodeTools(TARGET.toAbsolutePath());
    }

    /** The installed package's directory, e.g. {@code @segment/analytics-next}. */
    Path module(String name) {
        Path module = directory.resolve("node_modules").resolve(name);
        if (!Files.isDirectory(module)) {
            throw new IllegalStateException(name + " is not installed in " + directory);
        }
        return module;
    }

    /** The version npm installed, read from the package's own package.json. */
    String version(String name) {
        try {
            String json = Files.readString(module(name).resolve("package.json"));
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).path("version").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code node node-sdks.js <arguments>}; see that script for what it sends. */
    Result runNodeSdk(String... arguments) {
        List<String> command = new ArrayList<>(List.of("node", "node-sdks.js"));
        command.addAll(List.of(arguments));
        return run(directory, Duration.ofMinutes(2), command.toArray(String[]::new));
    }

    record Result(int exitCode, String output) {
    }

    private static Result run(Path directory, Duration deadline, String... command) {
        try {
            Path log = Files.createTempFile("footfall-node-", ".log");
            Process process = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                return new Result(-1, String.join(" ", command) + " did not finish within " + deadline + ": "
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
