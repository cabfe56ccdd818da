package dev.footfall.dashboards.savedobjects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.footfall.dashboards.ExitCode;
import dev.footfall.dashboards.standin.DashboardsStandIn;
import dev.footfall.index.client.Endpoint;
import dev.footfall.index.client.RestClient;
import dev.footfall.index.client.ServerException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class DashboardsImporterTest {

    private static final SavedObjectsFile FOOTFALL = SavedObjectsFile.footfall();
    @AutoClose
    private final DashboardsStandIn osd = new DashboardsStandIn();
    private final RestClient client = new RestClient(Endpoint.of("OpenSearch Dashboards", osd.url()));

    private ImportReport importFootfall() {
        return DashboardsImporter.importObjects(client, FOOTFALL.bytes(), "footfall-saved-objects.ndjson", Optional.of("global"));
    }

    @Test
    void sendsTheFileTheWayTheImportRouteWantsIt() {
        ImportReport report = importFootfall();

        assertThat(report.success()).isTrue();
        assertThat(report.successCount()).isEqualTo(FOOTFALL.size());
        DashboardsStandIn.ReceivedImport request = osd.imports().get(0);
        assertThat(request.query()).isEqualTo("overwrite=true");
        assertThat(request.headers().get("Osd-xsrf")).containsExactly("true");
        assertThat(request.headers().get("Securitytenant")).containsExactly("global");
        assertThat(request.field()).isEqualTo("file");
        assertThat(request.fileName()).endsWith(".ndjson");
        assertThat(request.body()).isEqualTo(FOOTFALL.ndjson());
        assertThat(osd.stored()).hasSize(FOOTFALL.size()).containsKeys("dashboard:footfall-traffic-overview",
                "dashboard:footfall-custom-events", "dashboard:footfall-realtime", "dashboard:footfall-pipeline-health");
    }

    @Test
    void importingAgainReplacesTheSameObjects() {
        importFootfall();
        ImportReport second = importFootfall();

        assertThat(second.success()).isTrue();
        assertThat(osd.stored()).hasSize(FOOTFALL.size());
    }

    @Test
    void successFalseIsAFailureEvenWhenSomeObjectsHadNoError() {
        String ndjson = FOOTFALL.ndjson() + "{\"type\":\"visualization\",\"id\":\"orphan\",\"attributes\":{\"title\":\"Orphan\"},"
                + "\"references\":[{\"name\":\"kibanaSavedObjectMeta.searchSourceJSON.index\",\"type\":\"index-pattern\",\"id\":\"gone\"}]}\n";

        assertThatThrownBy(() -> DashboardsImporter.importObjects(client, ndjson.getBytes(StandardCharsets.UTF_8), "f.ndjson", Optional.empty()))
                .isInstanceOfSatisfying(ImportFailedException.class, e -> {
                    assertThat(ExitCode.of(e)).isEqualTo(ExitCode.IMPORT_FAILED);
                    ImportReport report = e.report().orElseThrow();
                    assertThat(report.success()).isFalse();
                    assertThat(report.successCount()).isEqualTo(FOOTFALL.size());
                    assertThat(e.getMessage()).contains("visualization:orphan \"Orphan\": missing_references (missing index-pattern:gone)",
                            "nothing was imported");
                });
        assertThat(osd.stored()).isEmpty();
    }

    @Test
    void aScriptedPartialFailureListsEachObject() {
        osd.script(200, """
                {"success":false,"successCount":45,"errors":[
                  {"id":"footfall-traffic-visitors","type":"visualization","title":"Visitors","meta":{"title":"Visitors"},
                   "error":{"type":"unknown","message":"mapper_parsing_exception","statusCode":400}},
                  {"id":"footfall-realtime","type":"dashboard","title":"Footfall: Realtime","meta":{"title":"Footfall: Realtime"},
                   "error":{"type":"conflict"}}]}
                """);

        assertThatThrownBy(this::importFootfall).isInstanceOfSatisfying(ImportFailedException.class, e -> {
            assertThat(e.report().orElseThrow().errors()).hasSize(2);
            assertThat(e.getMessage()).contains("errors for 2 object(s)", "45 had no error of their own",
                    "visualization:footfall-traffic-visitors \"Visitors\": unknown (HTTP 400 mapper_parsing_exception)",
                    "dashboard:footfall-realtime \"Footfall: Realtime\": conflict");
        });
    }

    @Test
    void anUnknownTypeIsReportedAsUnsupported() {
        String ndjson = "{\"type\":\"canvas-workpad\",\"id\":\"w\",\"attributes\":{\"title\":\"W\"},\"references\":[]}\n";
        assertThatThrownBy(() -> DashboardsImporter.importObjects(client, ndjson.getBytes(StandardCharsets.UTF_8), "w.ndjson", Optional.empty()))
                .hasMessageContaining("canvas-workpad:w \"W\": unsupported_type");
    }

    @Test
    void refusedCredentialsAreAnAuthFailure() {
        osd.requireCredentials("admin", "right");
        RestClient wrong = new RestClient(Endpoint.of("OpenSearch Dashboards", osd.url()).withCredentials("admin", "wrong"));
        assertThatThrownBy(() -> DashboardsImporter.importObjects(wrong, FOOTFALL.bytes(), "f.ndjson", Optional.empty()))
                .isInstanceOfSatisfying(ServerException.class, e -> {
                    assertThat(ExitCode.of(e.kind())).isEqualTo(ExitCode.AUTH_FAILED);
                    assertThat(e.getMessage()).contains("refused the credentials (user 'admin')", "401");
                });
        RestClient right = new RestClient(Endpoint.of("OpenSearch Dashboards", osd.url()).withCredentials("admin", "right"));
        assertThat(DashboardsImporter.importObjects(right, FOOTFALL.bytes(), "f.ndjson", Optional.empty()).success()).isTrue();
    }

    @Test
    void aWrongBasePathSaysSo() {
        RestClient wrongPath = new RestClient(Endpoint.of("OpenSearch Dashboards", osd.url() + "/kibana"));
        assertThatThrownBy(() -> DashboardsImporter.importObjects(wrongPath, FOOTFALL.bytes(), "f.ndjson", Optional.empty()))
                .hasMessageContaining("has no saved-objects import API (HTTP 404").hasMessageContaining("basePath");
    }

    @Test
    void aRefusedRequestCarriesTheServersMessage() {
        osd.script(413, "{\"statusCode\":413,\"error\":\"Request Entity Too Large\",\"message\":\"Payload content length greater than maximum allowed: 26214400\"}");
        assertThatThrownBy(this::importFootfall).isInstanceOf(ImportFailedException.class)
                .hasMessageContaining("HTTP 413").hasMessageContaining("Payload content length greater than maximum allowed");
    }
}
