package dev.footfall.job.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import dev.footfall.testkit.geoip.TinyMaxMindDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeoLocatorTest {

    @Test
    void shouldLeaveLocationsUnknownWithoutADatabase() {
        assertThat(GeoLocator.NONE.locate("203.0.113.0")).isEqualTo(Location.UNKNOWN);
    }

    @Test
    void shouldNameTheFileWhenTheDatabaseIsMissingOrNotAMaxMindDatabase(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> GeoLocator.open(dir.resolve("GeoLite2-City.mmdb").toString()))
                .hasMessageContaining("GeoIP database not found").hasMessageContaining("GeoLite2-City.mmdb");
        Path notADatabase = Files.writeString(dir.resolve("country.mmdb"), "not a database");
        assertThatThrownBy(() -> GeoLocator.open(notADatabase.toString()))
                .hasMessageContaining("not a MaxMind-format GeoIP database").hasMessageContaining("country.mmdb");
    }

    @Test
    void shouldPlaceATruncatedAddressInItsCountryAndRegion(@TempDir Path dir) throws Exception {
        Path database = TinyMaxMindDatabase.write(dir.resolve("tiny-city.mmdb"), 203, 0, 113, "DE", "BE");
        try (GeoLocator geo = GeoLocator.open(database.toString())) {
            assertThat(geo.locate("203.0.113.0")).isEqualTo(new Location("DE", "DE-BE"));
            assertThat(geo.locate("198.51.100.0")).isEqualTo(Location.UNKNOWN);
            assertThat(geo.locate("not-an-address")).isEqualTo(Location.UNKNOWN);
        }
    }

    @Test
    void shouldOnlyEverLookUpAddressLiteralsNeverHostNames() {
        assertThat(GeoLocator.isIpLiteral("203.0.113.0")).isTrue();
        assertThat(GeoLocator.isIpLiteral("2001:db8:85a3::")).isTrue();
        assertThat(GeoLocator.isIpLiteral("example.com")).isFalse();
        assertThat(GeoLocator.isIpLiteral("")).isFalse();
        assertThat(GeoLocator.isIpLiteral(null)).isFalse();
    }
}
