package dev.footfall.dashboards.savedobjects;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footfall.index.client.RestClient;
import dev.footfall.index.client.ServerReadiness;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Imports saved objects into OpenSearch Dashboards through its saved-objects import API:
 * {@code POST /api/saved_objects/_import?overwrite=true}, the NDJSON as multipart field
 * {@code file} with a {@code .ndjson} file name, and the {@code osd-xsrf} header the API demands.
 * With overwrite, running it again replaces the objects in place (same ids), so it is idempotent.
 *
 * <p>A response with {@code success: false} is a failure even when {@code successCount} is above
 * zero: with a conflict or a missing reference nothing is written. Each object's error is listed.
 */
public final class DashboardsImporter {

    public static final String IMPORT_PATH = "/api/saved_objects/_import?overwrite=true";
    /** The security plugin keeps saved objects per tenant; without this header they land in the user's private one. */
    public static final String TENANT_HEADER = "securitytenant";

    private DashboardsImporter() {
    }

    /**
     * Imports {@code ndjson} as {@code fileName} (which must end in .ndjson). {@code tenant}, when
     * present, selects the security plugin's tenant (use "global" so every user sees the dashboards).
     *
     * @throws ImportFailedException when Dashboards refuses the file or any object
     */
    public static ImportReport importObjects(RestClient client, byte[] ndjson, String fileName, Optional<String> tenant) {
        if (!fileName.toLowerCase().endsWith(".ndjson")) {
            throw new IllegalArgumentException("the import file name must end in .ndjson, was " + fileName);
        }
        String boundary = "footfall-" + HexFormat.of().formatHex(randomBytes());
        HttpRequest.Builder request = client.request(IMPORT_PATH)
                .header("osd-xsrf", "true")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(boundary, fileName, ndjson)));
        tenant.filter(t -> !t.isBlank()).ifPresent(t -> request.header(TENANT_HEADER, t));
        RestClient.Response response = client.send(request);
        String where = client.endpoint().name() + " at " + client.endpoint().baseUri();
        if (response.isAuthFailure()) {
            throw ServerReadiness.authFailure(client.endpoint(), response);
        }
        if (response.status() == 404) {
            throw new ImportFailedException(where + " has no saved-objects import API (HTTP 404 for POST /api/saved_objects/_import): "
                    + "is the URL OpenSearch Dashboards, with its server.basePath if one is set?", null);
        }
        if (!response.isSuccess()) {
            throw new ImportFailedException(where + " refused the import: HTTP " + response.status() + " " + response.errorSummary(), null);
        }
        ImportReport report = parse(response.json());
        if (!report.success()) {
            String message = where + " reported errors for " + report.errors().size() + " object(s); "
                    + (report.successCount() > 0 ? report.successCount() + " had no error of their own, but " : "")
                    + "nothing was imported when any reference is missing or any object conflicts:\n"
                    + String.join("\n", report.lines());
            throw new ImportFailedException(message, report);
        }
        return report;
    }

    static ImportReport parse(JsonNode body) {
        if (!body.path("success").isBoolean()) {
            throw new ImportFailedException("the import answer has no success flag: " + body, null);
        }
        List<ImportReport.ObjectError> errors = new ArrayList<>();
        for (JsonNode e : body.path("errors")) {
            JsonNode error = e.path("error");
            String type = error.path("type").asText("unknown");
            String detail = switch (type) {
                case "missing_references" -> {
                    List<String> refs = new ArrayList<>();
                    error.path("references").forEach(r -> refs.add(r.path("type").asText() + ":" + r.path("id").asText()));
                    yield "missing " + String.join(", ", refs);
                }
                case "conflict" -> "an object with this id exists; import with overwrite";
                case "unsupported_type" -> "this Dashboards does not know the type";
                default -> (error.path("statusCode").isMissingNode() ? "" : "HTTP " + error.path("statusCode").asText() + " ")
                        + error.path("message").asText("");
            };
            errors.add(new ImportReport.ObjectError(e.path("type").asText(), e.path("id").asText(),
                    e.path("title").asText(e.path("meta").path("title").asText("")), type, detail.trim()));
        }
        return new ImportReport(body.get("success").asBoolean(), body.path("successCount").asInt(), errors);
    }

    private static byte[] multipart(String boundary, String fileName, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 512);
        String head = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: application/ndjson\r\n\r\n";
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[12];
        new SecureRandom().nextBytes(b);
        return b;
    }
}
