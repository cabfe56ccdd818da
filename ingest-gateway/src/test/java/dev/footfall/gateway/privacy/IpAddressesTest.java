package dev.footfall.gateway.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "203.0.113.77,              203.0.113.0",
        "10.1.2.3:8443,             10.1.2.0",
        "0.0.0.0,                   0.0.0.0",
        "255.255.255.255,           255.255.255.0",
        "2001:db8:1234:5678::1,     2001:db8:1234::",
        "[2001:db8:85a3::8a2e:370:7334]:443, 2001:db8:85a3::",
        "2001:0db8:0000:0000:0000:ff00:0042:8329, 2001:db8::",
        "fe80::1%eth0,              fe80::",
        "::1,                       ::",
        "::ffff:198.51.100.9,       198.51.100.0",
        "64:ff9b::192.0.2.33,       64:ff9b::",
        "2001:db8:1:2:3:4:5:6,      2001:db8:1::",
    })
    void shouldTruncateToTheNetwork(String literal, String network) {
        assertThat(IpAddresses.truncate(IpAddresses.parse(literal))).isEqualTo(network);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "example.com", "localhost", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4",
        "1.2.3.-4", "2001:db8::1::2", "2001:db8:1:2:3:4:5:6:7", "12345::", "gggg::1", ":1", "1:", "[::1",
        "1.2.3.4:80:90x", "unknown", "_hidden"})
    void shouldRefuseAnythingThatIsNotAnAddressLiteralWithoutLookingItUp(String text) {
        assertThat(IpAddresses.parse(text)).isNull();
    }

    @Test
    void shouldPrintFullAddressesInCanonicalForm() {
        assertThat(IpAddresses.format(IpAddresses.parse("2001:0db8:0:0:1:0:0:1"))).isEqualTo("2001:db8::1:0:0:1");
        assertThat(IpAddresses.format(IpAddresses.parse("192.0.2.1"))).isEqualTo("192.0.2.1");
    }
}
