package dev.footfall.testkit.nginx;

import dev.footfall.embedded.LoopbackPorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * What a secured OpenSearch looks like to its clients, without the security plugin (which is not
 * on Maven Central): Debian's nginx ({@link Nginx}) on a loopback port, in front of a real node, terminating TLS
 * with a certificate made for the test by a CA made for the test, and checking HTTP basic auth.
 * nginx reads its password file on every request, so {@link #changePassword} takes effect at once
 * (as a password rotated on the server would).
 *
 * <pre>{@code
 * try (TlsBasicAuthProxy proxy = TlsBasicAuthProxy.builder()
 *         .upstream(node.httpUrl()).user("footfall", "S3cret-pass").directory(dir).build().start()) {
 *     proxy.url();            // https://127.0.0.1:port
 *     proxy.caCertificate();  // the PEM a client must trust
 * }
 * }</pre>
 */
public final class TlsBasicAuthProxy implements AutoCloseable {

    private final Builder settings;
    private final Path dir;
    private Nginx nginx;

    private TlsBasicAuthProxy(Builder settings) {
        this.settings = settings;
        this.dir = settings.directory.toAbsolutePath();
    }

    public static Builder builder() {
        return new Builder();
    }

    public TlsBasicAuthProxy start() {
        try {
            Files.createDirectories(dir);
            makeCertificates();
            changePassword(settings.password);
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare nginx's certificates and password file in " + dir, e);
        }
        nginx = Nginx.start(dir, port -> """
                  server {
                    listen 127.0.0.1:%1$d ssl;
                    ssl_certificate %2$s/server.pem;
                    ssl_certificate_key %2$s/server.key;
                    auth_basic "OpenSearch";
                    auth_basic_user_file %2$s/htpasswd;
                    client_max_body_size 100m;
                    location / {
                      proxy_pass %3$s;
                      proxy_http_version 1.1;
                      proxy_set_header Connection "";
                      proxy_set_header Authorization "";
                    }
                  }
                """.formatted(port, dir, settings.upstream));
        return this;
    }

    /** {@code https://127.0.0.1:port}: the certificate names 127.0.0.1 and localhost. */
    public String url() {
        return "https://" + LoopbackPorts.LOOPBACK + ":" + nginx.port();
    }

    public String user() {
        return settings.user;
    }

    /** The CA certificate (PEM) that signed the proxy's certificate: what a client must be told to trust. */
    public Path caCertificate() {
        return dir.resolve("ca.pem");
    }

    /** Replaces the user's password; the next request is checked against the new one. */
    public void changePassword(String password) throws IOException {
        Objects.requireNonNull(password, "password");
        String hash = run("openssl", "passwd", "-5", "-stdin", password + "\n").strip();
        Path file = dir.resolve("htpasswd");
        Path temp = dir.resolve("htpasswd.new");
        Files.writeString(temp, settings.user + ":" + hash + "\n");
        Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private void makeCertificates() throws IOException {
        String ca = dir.resolve("ca").toString();
        String server = dir.resolve("server").toString();
        run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Footfall test CA",
                "-keyout", ca + ".key", "-out", ca + ".pem", null);
        Files.writeString(dir.resolve("server.ext"),
                "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\n"
                        + "extendedKeyUsage=serverAuth\n");
        run("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-keyout", server + ".key",
                "-out", server + ".csr", null);
        run("openssl", "x509", "-req", "-in", server + ".csr", "-CA", ca + ".pem", "-CAkey", ca + ".key",
                "-CAcreateserial", "-days", "2", "-extfile", dir.resolve("server.ext").toString(), "-out", server + ".pem", null);
    }

    /** Runs a command; the last argument is its standard input (null: none). Returns its output. */
    private String run(String... commandAndInput) throws IOException {
        List<String> command = new ArrayList<>(Arrays.asList(commandAndInput).subList(0, commandAndInput.length - 1));
        String input = commandAndInput[commandAndInput.length - 1];
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(false).start();
        if (input != null) {
            process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        }
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + err);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return out;
    }

    @Override
    public void close() {
        if (nginx != null) {
            nginx.close();
        }
    }

    public static final class Builder {
        private String upstream;
        private String user;
        private String password;
        private Path directory;

        private Builder() {
        }

        /** The server behind the proxy, e.g. the embedded node's {@code http://127.0.0.1:port}. */
        public Builder upstream(String url) {
            this.upstream = Objects.requireNonNull(url, "upstream");
            return this;
        }

        public Builder user(String name, String password) {
            this.user = Objects.requireNonNull(name, "user");
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /** Certificates, the password file, nginx's configuration, logs and temp files go here. */
        public Builder directory(Path value) {
            this.directory = Objects.requireNonNull(value, "directory");
            return this;
        }

        public TlsBasicAuthProxy build() {
            if (upstream == null || user == null || directory == null) {
                throw new IllegalStateException("set the upstream, the user and a directory");
            }
            return new TlsBasicAuthProxy(this);
        }
    }
}
