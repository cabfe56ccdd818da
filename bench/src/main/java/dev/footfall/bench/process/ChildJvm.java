package dev.footfall.bench.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A JVM started by the bench for something it measures on its own (a gateway, a floor server,
 * a job run, the whole local stack), so that its heap, CPU and resident memory are its own and
 * not mixed with the load generator's or the broker's. It runs with the bench's classpath and
 * talks over stdin/stdout: one command per line in, one JSON line per answer out (lines starting
 * with {@link ChildChannel#MARKER}); its logs go to a file.
 */
public final class ChildJvm implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile boolean flightRecording;
    private static volatile List<String> commonOptions = List.of();

    private final String name;
    private final Process process;
    private final BufferedWriter commands;
    private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private final Path log;

    private ChildJvm(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.commands = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        Thread reader = new Thread(this::readMessages, "child-" + name + "-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** Options for every child JVM started from now on, before each one's own. */
    public static void commonOptions(List<String> options) {
        commonOptions = List.copyOf(options);
    }

    /** Records every child JVM started from now on with Java Flight Recorder, next to its log. */
    public static void recordFlights(boolean enabled) {
        flightRecording = enabled;
    }

    /**
     * Starts {@code main} in a new JVM.
     *
     * @param jvmOptions heap size and the like, e.g. {@code -Xmx256m}
     * @param log where the child's stderr (its logs) goes
     */
    public static ChildJvm start(String name, List<String> jvmOptions, Class<?> main, List<String> args, Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(commonOptions);
        command.addAll(jvmOptions);
        if (flightRecording) {
            String file = log.toString().replaceFirst("\\.log$", "") + ".jfr";
            command.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + file);
        }
        command.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
        command.add("-Dlog4j2.configurationFile=" + System.getProperty("log4j2.configurationFile", BenchLogging.CONFIG));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(args);
        try {
            java.nio.file.Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            return new ChildJvm(name, process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " (" + main.getName() + ")", e);
        }
    }

    private void readMessages() {
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith(ChildChannel.MARKER)) {
                    messages.add(JSON.readTree(line.substring(ChildChannel.MARKER.length())));
                }
            }
        } catch (IOException e) {
            // the child is gone; awaitMessage reports it
        }
    }

    public long pid() {
        return process.pid();
    }

    public String name() {
        return name;
    }

    /** The next message whose {@code type} is {@code type}; fails when the child dies or time runs out. */
    public JsonNode await(String type, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IllegalStateException(name + " sent no '" + type + "' within " + timeout.toSeconds()
                        + " s; its log: " + log);
            }
            JsonNode message;
            try {
                message = messages.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
            if (message == null) {
                if (!process.isAlive() && messages.isEmpty()) {
                    throw new IllegalStateException(name + " exited with status " + process.exitValue()
                            + " before sending '" + type + "'; its log: " + log);
                }
                continue;
            }
            if ("error".equals(message.path("type").asText())) {
                throw new IllegalStateException(name + " failed: " + message.path("message").asText() + "; its log: " + log);
            }
            if (type.equals(message.path("type").asText())) {
                return message;
            }
        }
    }

    /** Sends a command line and waits for the answer of the same type. */
    public JsonNode request(String command, Duration timeout) {
        send(command);
        return await(command, timeout);
    }

    public void send(String command) {
        try {
            commands.write(command);
            commands.newLine();
            commands.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot talk to " + name + "; its log: " + log, e);
        }
    }

    /** Asks the child to stop, and ends it if it does not within the timeout. */
    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                send("stop");
            } catch (UncheckedIOException e) {
                // already closing its input
            }
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroy();
                    if (!process.waitFor(10, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
