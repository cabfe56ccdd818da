package dev.footfall.local.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The calls of Flink's REST API (the JobManager's, the web UI's port) that deploying and upgrading
 * the job needs: upload the job jar, run it, take a savepoint, stop with one, list jobs. A failure
 * is a {@link FlinkException} that says which call, what the cluster answered and where.
 */
public final class FlinkRestClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CALL_TIMEOUT = Duration.ofMinutes(2);

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** A job as the overview lists it. */
    public record Job(String id, String name, String state) {
    }

    public FlinkRestClient(String url) {
        Objects.requireNonNull(url, "url");
        URI uri;
        try {
            uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--flink-url: '" + url + "' is not a URL");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("--flink-url: '" + url + "' must be http(s)://host:port of the JobManager's REST API");
        }
        this.base = uri;
    }

    public URI url() {
        return base;
    }

    /** {@code POST /jars/upload}: returns the jar's id on the cluster. */
    public String uploadJar(Path jar) throws IOException {
        String boundary = "footfall-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                + jar.getFileName() + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(Files.readAllBytes(jar));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        JsonNode answer = send("upload the job jar", HttpRequest.newBuilder(resolve("/jars/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
        String file = answer.path("filename").asText("");
        if (file.isEmpty()) {
            throw new FlinkException("the cluster at " + base + " accepted the jar upload but named no file: " + answer);
        }
        return Path.of(file).getFileName().toString();
    }

    /**
     * {@code POST /jars/<id>/run}: the job's {@code main} runs inside the JobManager; its
     * exception, if any, is the answer's error.
     *
     * @param parallelism the job's parallelism, or null for the cluster's default
     * @param savepoint the savepoint to start from, or null
     */
    public String runJar(String jarId, String entryClass, List<String> args, Integer parallelism, String savepoint,
            boolean allowNonRestoredState) {
        ObjectNode request = JSON.createObjectNode();
        request.put("entryClass", entryClass);
        args.forEach(request.putArray("programArgsList")::add);
        if (parallelism != null) {
            request.put("parallelism", parallelism);
        }
        if (savepoint != null) {
            request.put("savepointPath", savepoint);
            request.put("allowNonRestoredState", allowNonRestoredState);
        }
        return postJson("run the job", "/jars/" + jarId + "/run", request).path("jobid").asText();
    }

    /** {@code DELETE /jars/<id>}: the running job keeps its own copy. */
    public void deleteJar(String jarId) {
        send("delete the uploaded jar", HttpRequest.newBuilder(resolve("/jars/" + jarId)).DELETE());
    }

    public List<Job> jobs() {
        JsonNode answer = send("list the jobs", HttpRequest.newBuilder(resolve("/jobs/overview")).GET());
        List<Job> jobs = new ArrayList<>();
        answer.path("jobs").forEach(j -> jobs.add(new Job(j.path("jid").asText(), j.path("name").asText(),
                j.path("state").asText())));
        return jobs;
    }

    /** The job's state ({@code RUNNING}, {@code RESTARTING}, {@code FINISHED} ...). */
    public String jobState(String jobId) {
        return send("read the job's state", HttpRequest.newBuilder(resolve("/jobs/" + jobId)).GET()).path("state").asText();
    }

    /** Takes a savepoint of a running job and waits for it; returns its path. */
    public String savepoint(String jobId, String targetDirectory, Duration timeout) {
        ObjectNode request = JSON.createObjectNode();
        if (targetDirectory != null) {
            request.put("target-directory", targetDirectory);
        }
        request.put("cancel-job", false);
        request.put("formatType", "CANONICAL");
        JsonNode trigger = postJson("trigger a savepoint", "/jobs/" + jobId + "/savepoints", request);
        return awaitSavepoint(jobId, trigger.path("request-id").asText(), "savepoint", timeout);
    }

    /** Stops a job with a final savepoint (sources stop first, so nothing is processed twice after a restore). */
    public String stopWithSavepoint(String jobId, String targetDirectory, Duration timeout) {
        ObjectNode request = JSON.createObjectNode();
        request.put("targetDirectory", targetDirectory);
        request.put("drain", false);
        request.put("formatType", "CANONICAL");
        JsonNode trigger = postJson("stop the job with a savepoint", "/jobs/" + jobId + "/stop", request);
        return awaitSavepoint(jobId, trigger.path("request-id").asText(), "stop-with-savepoint", timeout);
    }

    private String awaitSavepoint(String jobId, String triggerId, String what, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            JsonNode status = send("follow the " + what, HttpRequest.newBuilder(
                    resolve("/jobs/" + jobId + "/savepoints/" + triggerId)).GET());
            if ("COMPLETED".equals(status.at("/status/id").asText())) {
                JsonNode failure = status.at("/operation/failure-cause");
                if (!failure.isMissingNode() && !failure.isNull()) {
                    throw new FlinkException("the " + what + " of job " + jobId + " failed: "
                            + failure.path("stack-trace").asText(failure.toString()).lines().findFirst().orElse(""));
                }
                return status.at("/operation/location").asText();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new FlinkException("the " + what + " of job " + jobId + " did not complete within "
                        + timeout.toSeconds() + " s");
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(250); // between polls of an asynchronous operation; its status ends the wait
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlinkException("interrupted while waiting for Flink");
        }
    }

    private URI resolve(String path) {
        return URI.create(base + path);
    }

    private JsonNode postJson(String what, String path, ObjectNode request) {
        return send(what, HttpRequest.newBuilder(resolve(path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(request.toString())));
    }

    private JsonNode send(String what, HttpRequest.Builder request) {
        HttpResponse<String> response;
        try {
            response = http.send(request.timeout(CALL_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new FlinkException("could not " + what + ": nothing answers at " + base + " (is the JobManager running? "
                    + "--flink-url is its REST address, the web UI's)");
        } catch (HttpTimeoutException e) {
            throw new FlinkException("could not " + what + ": " + base + " gave no answer within " + CALL_TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            throw new FlinkException("could not " + what + " at " + base + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlinkException("interrupted while trying to " + what);
        }
        JsonNode body;
        try {
            body = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new FlinkException("could not " + what + ": " + base + " answered " + response.statusCode()
                    + " with something that is not JSON (is --flink-url Flink's REST address?)");
        }
        if (response.statusCode() / 100 != 2) {
            throw new FlinkException("could not " + what + ": Flink at " + base + " answered " + response.statusCode()
                    + ": " + errors(body));
        }
        return body;
    }

    /** Flink's {@code errors} list, cut to the lines a person reads (the cause, not the whole stack). */
    static String errors(JsonNode body) {
        List<String> lines = new ArrayList<>();
        body.path("errors").forEach(e -> e.asText().lines()
                .filter(l -> !l.startsWith("\tat ") && !l.startsWith("\t... ") && !l.isBlank())
                .forEach(lines::add));
        if (lines.isEmpty()) {
            return body.toString();
        }
        return String.join("\n  ", lines.subList(0, Math.min(lines.size(), 12)));
    }

    /** A call to Flink that failed; the message is for the user. */
    public static final class FlinkException extends RuntimeException {
        public FlinkException(String message) {
            super(message);
        }
    }
}
