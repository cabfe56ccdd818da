package dev.footfall.dashboards.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for OpenSearch Dashboards 2.19's saved-objects import route, which cannot run here.
 * It checks a request as the real route does, in the same order and with the same statuses and
 * messages (auth, then the multipart content type, then the osd-xsrf check, then query and body
 * validation, then the file extension), and then imports as the real import does: unsupported types are reported,
 * missing index-pattern/search references and conflicts (without overwrite) stop every write, and
 * the response carries success, successCount and per-object errors. Scripted answers can replace
 * the computed one. Binds 127.0.0.1 on a free port.
 */
public final class DashboardsStandIn implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> IMPORTABLE = Set.of("index-pattern", "visualization", "dashboard", "search", "config",
            "url", "query", "augment-vis", "visualization-visbuilder");
    private static final Pattern DISPOSITION = Pattern.compile("name=\"([^\"]*)\"(?:; filename=\"([^\"]*)\")?");

    /** One import request as received. */
    public record ReceivedImport(String query, Map<String, List<String>> headers, String field, String fileName, String body) {
    }

    /** A canned answer. */
    public record Scripted(int status, String body) {
    }

    private final LoopbackServer server;
    private final Map<String, JsonNode> store = new ConcurrentHashMap<>();
    private final List<ReceivedImport> imports = Collections.synchronizedList(new ArrayList<>());
    private final Deque<Scripted> scripted = new ArrayDeque<>();
    private volatile String user;
    private volatile String password;
    private volatile int statusCallsBeforeReady;

    public DashboardsStandIn() {
        server = new LoopbackServer(this::handle);
    }

    public String url() {
        return server.url();
    }

    /** Require basic auth, as with the security plugin. */
    public DashboardsStandIn requireCredentials(String user, String password) {
        this.user = user;
        this.password = password;
        return this;
    }

    /** Answer 503 "not ready yet" to the first {@code n} status calls, as a starting server does. */
    public DashboardsStandIn notReadyFor(int n) {
        this.statusCallsBeforeReady = n;
        return this;
    }

    /** The next import answers this instead of importing. */
    public synchronized DashboardsStandIn script(int status, String body) {
        scripted.add(new Scripted(status, body));
        return this;
    }

    public List<ReceivedImport> imports() {
        return List.copyOf(imports);
    }

    /** Stored objects by type:id. */
    public Map<String, JsonNode> stored() {
        return Map.copyOf(store);
    }

    /** Put an object in the store, as if imported earlier. */
    public void preload(JsonNode object) {
        store.put(object.get("type").asText() + ":" + object.get("id").asText(), object);
    }

    @Override
    public void close() {
        server.close();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            boolean status = "/api/status".equals(path) && "GET".equals(ex.getRequestMethod());
            boolean importRoute = "/api/saved_objects/_import".equals(path) && "POST".equals(ex.getRequestMethod());
            if (!status && !importRoute) {
                send(ex, 404, error(404, "Not Found", "Not Found"));
                return;
            }
            if (status && statusCallsBeforeReady > 0) {
                statusCallsBeforeReady--;
                send(ex, 503, "OpenSearch Dashboards server is not ready yet");
                return;
            }
            if (user != null && !authorized(ex)) {
                send(ex, 401, error(401, "Unauthorized", "Authentication required"));
                return;
            }
            if (status) {
                send(ex, 200, "{\"status\":{\"overall\":{\"state\":\"green\"}}}");
                return;
            }
            importRequest(ex);
        }
    }

    private boolean authorized(HttpExchange ex) {
        String header = ex.getRequestHeaders().getFirst("Authorization");
        String expected = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return expected.equals(header);
    }

    private void importRequest(HttpExchange ex) throws IOException {
        // hapi's order: authentication, payload parsing (415), onPostAuth (the xsrf check), then
        // query and body validation, then the handler (the file extension).
        String contentType = String.valueOf(ex.getRequestHeaders().getFirst("Content-Type"));
        if (!contentType.startsWith("multipart/form-data")) {
            send(ex, 415, error(415, "Unsupported Media Type", "Unsupported Media Type"));
            return;
        }
        if (ex.getRequestHeaders().getFirst("osd-xsrf") == null && ex.getRequestHeaders().getFirst("osd-version") == null) {
            send(ex, 400, error(400, "Bad Request", "Request must contain a osd-xsrf header."));
            return;
        }
        Map<String, String> query = parseQuery(ex.getRequestURI().getRawQuery());
        for (String key : query.keySet()) {
            if (!Set.of("overwrite", "createNewCopies", "workspaces").contains(key)) {
                send(ex, 400, error(400, "Bad Request", "[request query." + key + "]: definition for this key is missing"));
                return;
            }
        }
        boolean overwrite = "true".equals(query.get("overwrite"));
        boolean createNewCopies = "true".equals(query.get("createNewCopies"));
        if (overwrite && createNewCopies) {
            send(ex, 400, error(400, "Bad Request", "[request query]: cannot use [overwrite] with [createNewCopies]"));
            return;
        }
        byte[] raw = ex.getRequestBody().readAllBytes();
        Matcher boundary = Pattern.compile("boundary=\"?([^\";]+)\"?").matcher(contentType);
        Part file = boundary.find() ? fileField(new String(raw, StandardCharsets.ISO_8859_1), boundary.group(1)) : null;
        imports.add(new ReceivedImport(ex.getRequestURI().getRawQuery(), Map.copyOf(ex.getRequestHeaders()),
                file == null ? null : file.name, file == null ? null : file.fileName, file == null ? null : file.body));
        if (file == null) {
            send(ex, 400, error(400, "Bad Request", "[request body.file]: expected value of type [Stream] but got [undefined]"));
            return;
        }
        String extension = file.fileName == null || !file.fileName.contains(".") ? "" : file.fileName.substring(file.fileName.lastIndexOf('.')).toLowerCase();
        if (!".ndjson".equals(extension)) {
            send(ex, 400, error(400, "Bad Request", "Invalid file extension " + extension));
            return;
        }
        Scripted canned;
        synchronized (this) {
            canned = scripted.poll();
        }
        if (canned != null) {
            send(ex, canned.status(), canned.body());
            return;
        }
        List<JsonNode> objects = new ArrayList<>();
        for (String line : file.body.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode node = JSON.readTree(line);
                if (!node.has("exportedCount")) {
                    objects.add(node);
                }
            } catch (IOException e) {
                send(ex, 400, error(400, "Bad Request", "Unexpected token in JSON: " + e.getMessage().split("\n")[0]));
                return;
            }
        }
        send(ex, 200, JSON.writeValueAsString(importObjects(objects, overwrite)));
    }

    private ObjectNode importObjects(List<JsonNode> objects, boolean overwrite) {
        ArrayNode errors = JSON.createArrayNode();
        List<JsonNode> valid = new ArrayList<>();
        Set<String> inFile = new HashSet<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode o : objects) {
            String key = o.path("type").asText() + ":" + o.path("id").asText();
            if (!seen.add(key)) {
                throw new IllegalStateException("the stand-in does not model non-unique imports");
            }
            if (!IMPORTABLE.contains(o.path("type").asText())) {
                errors.add(objectError(o, JSON.createObjectNode().put("type", "unsupported_type")));
            } else {
                valid.add(o);
                inFile.add(key);
            }
        }
        boolean blocking = false;
        List<JsonNode> ok = new ArrayList<>();
        for (JsonNode o : valid) {
            ArrayNode missing = JSON.createArrayNode();
            for (JsonNode ref : o.path("references")) {
                String type = ref.path("type").asText();
                String key = type + ":" + ref.path("id").asText();
                if ((type.equals("index-pattern") || type.equals("search")) && !inFile.contains(key) && !store.containsKey(key)) {
                    missing.addObject().put("type", type).put("id", ref.path("id").asText());
                }
            }
            String key = o.path("type").asText() + ":" + o.path("id").asText();
            if (!missing.isEmpty()) {
                ObjectNode e = JSON.createObjectNode().put("type", "missing_references");
                e.set("references", missing);
                errors.add(objectError(o, e));
                blocking = true;
            } else if (!overwrite && store.containsKey(key)) {
                errors.add(objectError(o, JSON.createObjectNode().put("type", "conflict")));
                blocking = true;
            } else {
                ok.add(o);
            }
        }
        ObjectNode response = JSON.createObjectNode();
        response.put("successCount", ok.size());
        if (!blocking) {
            ArrayNode results = response.putArray("successResults");
            for (JsonNode o : ok) {
                String key = o.path("type").asText() + ":" + o.path("id").asText();
                ObjectNode r = results.addObject().put("type", o.path("type").asText()).put("id", o.path("id").asText());
                r.putObject("meta").put("title", o.path("attributes").path("title").asText());
                if (store.containsKey(key)) {
                    r.put("overwrite", true);
                }
                store.put(key, o);
            }
        }
        response.put("success", errors.isEmpty());
        if (!errors.isEmpty()) {
            response.set("errors", errors);
        }
        return response;
    }

    private static ObjectNode objectError(JsonNode o, ObjectNode error) {
        ObjectNode e = JSON.createObjectNode();
        e.put("id", o.path("id").asText());
        e.put("type", o.path("type").asText());
        e.put("title", o.path("attributes").path("title").asText());
        e.putObject("meta").put("title", o.path("attributes").path("title").asText());
        e.set("error", error);
        return e;
    }

    private record Part(String name, String fileName, String body) {
    }

    /** The multipart part named {@code file}, or null. The body is read as bytes, then decoded as UTF-8. */
    private static Part fileField(String latin1Body, String boundary) {
        for (String chunk : latin1Body.split("--" + Pattern.quote(boundary))) {
            int headerEnd = chunk.indexOf("\r\n\r\n");
            if (headerEnd < 0) {
                continue;
            }
            String headers = chunk.substring(0, headerEnd);
            Matcher m = DISPOSITION.matcher(headers);
            if (!m.find() || !"file".equals(m.group(1))) {
                continue;
            }
            String content = chunk.substring(headerEnd + 4);
            if (content.endsWith("\r\n")) {
                content = content.substring(0, content.length() - 2);
            }
            return new Part(m.group(1), m.group(2), new String(content.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
        }
        return null;
    }

    private static Map<String, String> parseQuery(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            q.put(k, v);
        }
        return q;
    }

    private static String error(int status, String error, String message) {
        ObjectNode n = JSON.createObjectNode();
        n.put("statusCode", status);
        n.put("error", error);
        n.put("message", message);
        return n.toString();
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", body.startsWith("{") ? "application/json; charset=utf-8" : "text/plain");
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
