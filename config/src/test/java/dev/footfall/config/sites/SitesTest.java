package dev.footfall.config.sites;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SitesTest {

    @Test
    void shouldReadTheSitesFileFormat() {
        Sites sites = Sites.parse("{\"sites\":[{\"id\":\"local\",\"writeKeys\":[\"wk_a\",\"wk_b\"],"
                + "\"allowedOrigins\":[\"http://localhost:8080\",\"HTTPS://Example.COM/\"]}]}");

        Site local = sites.byWriteKey("wk_b");
        assertThat(local.id()).isEqualTo("local");
        assertThat(local.allowedOrigins()).containsExactlyInAnyOrder("http://localhost:8080", "https://example.com");
        assertThat(sites.byOrigin("https://example.com")).isSameAs(local);
        assertThat(sites.byWriteKey("wk_c")).isNull();
        assertThat(sites.byOrigin("https://example.com:443")).isNull();
    }

    @Test
    void shouldNotAttributeKeylessRequestsFromAnOriginSeveralSitesShare() {
        Sites sites = Sites.parse("{\"sites\":[{\"id\":\"a\",\"writeKeys\":[\"k1\"],\"allowedOrigins\":[\"https://x.test\"]},"
                + "{\"id\":\"b\",\"writeKeys\":[\"k2\"],\"allowedOrigins\":[\"https://x.test\"]},"
                + "{\"id\":\"c\",\"writeKeys\":[\"k3\"],\"allowedOrigins\":[\"https://x.test\"]}]}");

        assertThat(sites.byOrigin("https://x.test")).isNull();
        assertThat(sites.anySiteAllows("https://x.test")).isTrue();
    }

    @Test
    void shouldRefuseFilesThatWouldMakeAuthenticationAmbiguousOrWrong() {
        assertThatThrownBy(() -> Sites.parse("{\"sites\":[{\"id\":\"a\",\"writeKeys\":[\"k\"]},{\"id\":\"b\",\"writeKeys\":[\"k\"]}]}"))
                .hasMessageContaining("also a write key of site 'a'");
        assertThatThrownBy(() -> Sites.parse("{\"sites\":[{\"id\":\"a\"},{\"id\":\"a\"}]}")).hasMessageContaining("twice");
        assertThatThrownBy(() -> Sites.parse("{\"sites\":[{\"writeKeys\":[\"k\"]}]}")).hasMessageContaining("'id'");
        assertThatThrownBy(() -> Sites.parse("{\"sites\":[{\"id\":\"a\",\"allowedOrigins\":[\"https://x.test/app\"]}]}"))
                .hasMessageContaining("no path");
        assertThatThrownBy(() -> Sites.parse("{\"sites\":[{\"id\":\"a\",\"allowedOrigins\":[\"*\"]}]}"))
                .hasMessageContaining("must look like");
        assertThatThrownBy(() -> Sites.parse("{\"sites\":[{\"id\":\"a\",\"writeKeys\":\"k\"}]}")).hasMessageContaining("array");
        assertThatThrownBy(() -> Sites.parse("{\"site\":[]}")).hasMessageContaining("{\"sites\": [...]}");
        assertThatThrownBy(() -> Sites.parse("{\"sites\":[}")).hasMessageContaining("sites JSON");
    }

    @Test
    void shouldGiveEachSiteItsTimeZoneAndUtcWhenItNamesNone() {
        Sites sites = Sites.parse("{\"sites\":[{\"id\":\"berlin\",\"writeKeys\":[\"k1\"],\"timezone\":\"Europe/Berlin\"},"
                + "{\"id\":\"plain\",\"writeKeys\":[\"k2\"]},{\"id\":\"utc\",\"timezone\":\"UTC\"}]}");

        assertThat(sites.byId("berlin").timezone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(sites.byId("plain").timezone()).isEqualTo(ZoneOffset.UTC);
        assertThat(sites.byId("utc").timezone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(sites.byId("nope")).isNull();
        assertThat(sites.ids()).containsExactly("berlin", "plain", "utc");
        assertThat(sites.byWriteKey("k1")).isSameAs(sites.byId("berlin"));
    }

    @Test
    void shouldRefuseATimeZoneThatIsNoneNamingTheSiteAndTheValue() {
        assertThatThrownBy(() -> Sites.parse("{\"sites\":[{\"id\":\"shop\",\"timezone\":\"Europe/Berln\"}]}"))
                .hasMessageContaining("site 'shop'").hasMessageContaining("'Europe/Berln'").hasMessageContaining("IANA");
        assertThatThrownBy(() -> Sites.parse("{\"sites\":[{\"id\":\"shop\",\"timezone\":\"CEST\"}]}"))
                .as("an abbreviation is ambiguous, not a zone").hasMessageContaining("'CEST'");
        assertThatThrownBy(() -> Sites.parse("{\"sites\":[{\"id\":\"shop\",\"timezone\":2}]}"))
                .hasMessageContaining("site 'shop'").hasMessageContaining("'timezone' must be a string");
    }

    @Test
    void shouldReadTheDeploymentsExampleFile() {
        Sites sites = Sites.load(Path.of("../deploy/sites.example.json"));
        assertThat(sites.ids()).containsExactly("example");
        assertThat(sites.byId("example").timezone()).isEqualTo(ZoneId.of("UTC"));
    }
}
