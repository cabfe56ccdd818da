package dev.footfall.testkit.nginx;

import dev.footfall.embedded.LoopbackPorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * A real nginx (Debian's package, {@code apt-get install nginx}) run as a foreground child process
 * on a free loopback port, with its configuration, logs, pid file and temp paths in a directory
 * of the test's; for tests of what a reverse proxy in front of Footfall does. Override the binary
 * with {@code -Dfootfall.nginx=...} or {@code FOOTFALL_NGINX}.
 *
 * <pre>{@code
 * try (Nginx nginx = Nginx.start(dir, port -> "server { listen 127.0.0.1:" + port + "; ... }")) {
 *     get(nginx.url() + "/");
 * }
 * }</pre>
 */
public final class Nginx implements AutoCloseable {

    private static final Duration START_DEADLINE = Duration.ofSeconds(20);

    private final Process process;
    private final int port;
    private final Path directory;

    private Nginx(Process process, int port, Path directory) {
        this.process = process;
        this.port = port;
        this.directory = directory;
    }

    /**
     * Starts nginx with {@code servers} (the {@code server} blocks, given the port to listen on)
     * inside an {@code http} block of its own, and waits until the port answers.
     */
    public static Nginx start(Path directory, IntFunction<String> servers) {
        String binary = binary();
        int port = LoopbackPorts.freePort();
        try {
            Path temp = Files.createDirectories(directory.resolve("temp"));
            Path config = directory.resolve("nginx.conf");
            Files.writeString(config, """
                    worker_processes 1;
                    pid %1$s/nginx.pid;
                    error_log %1$s/error.log info;
                    # The master runs as root on CI; its worker must read the test's files.
                    user root;
                    events { worker_connections 256; }
                    http {
                      access_log %1$s/access.log;
                      client_body_temp_path %2$s/body;
                      proxy_temp_path %2$s/proxy;
                      fastcgi_temp_path %2$s/fastcgi;
                      uwsgi_temp_path %2$s/uwsgi;
                      scgi_temp_path %2$s/scgi;
                      types { text/html html; text/javascript js; application/json json; text/css css; }
                      default_type application/octet-stream;
                    %3$s
                    }
                    """.formatted(directory.toAbsolutePath(), temp.toAbsolutePath(), servers.apply(port)),
                    StandardCharsets.UTF_8);
            Process process = new ProcessBuilder(binary, "-p", directory.toAbsolutePath().toString(),
                    "-e", directory.resolve("error.log").toAbsolutePath().toString(),
                    "-c", config.toAbsolutePath().toString(), "-g", "daemon off;")
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("nginx.out").toFile())
                    .start();
            Nginx nginx = new Nginx(process, port, directory);
            nginx.awaitListening();
            return nginx;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start nginx (" + binary + ")", e);
        }
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String url() {
        return "http://" + LoopbackPorts.LOOPBACK + ":" + port;
    }

    public int port() {
        return port;
    }

    /** What nginx logged (errors and warnings), for a failing test's message. */
    public String errorLog() {
        try {
            Path log = directory.resolve("error.log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(cannot read the error log: " + e + ")";
        }
    }

    private void awaitListening() throws IOException {
        Instant deadline = Instant.now().plus(START_DEADLINE);
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx exited with " + process.exitValue() + ": "
                        + Files.readString(directory.resolve("nginx.out")) + errorLog());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(LoopbackPorts.LOOPBACK, port), 200);
                return;
            } catch (IOException notYet) {
                if (Instant.now().isAfter(deadline)) {
                    close();
                    throw new IllegalStateException("nginx did not listen on port " + port + " within " + START_DEADLINE
                            + ": " + errorLog());
                }
                try {
                    // Waiting for nginx to bind: a connection attempt is the condition, this the poll interval.
                    process.waitFor(50, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    /** Stops nginx (SIGTERM, then SIGKILL if it lingers) and its worker with it. */
    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }

    private static String binary() {
        String configured = System.getProperty("footfall.nginx", System.getenv("FOOTFALL_NGINX"));
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        for (String candidate : List.of("/usr/sbin/nginx", "/usr/bin/nginx")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new IllegalStateException("nginx is not installed: apt-get install -y nginx (./footfall test installs it)");
    }
}
