package dev.footfall.gateway.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressResolverTest {

    private static InetSocketAddress peer(String literal) throws UnknownHostException {
        return new InetSocketAddress(InetAddress.getByAddress(IpAddresses.parse(literal)), 40000);
    }

    private static final ClientAddressResolver BEHIND_PROXIES = new ClientAddressResolver(
            List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("fd00::/8")));

    @Test
    void shouldUseThePeerWhenNoProxyIsTrusted() throws UnknownHostException {
        ClientAddressResolver direct = new ClientAddressResolver(List.of());

        ClientAddress address = direct.resolve(peer("198.51.100.7"), "203.0.113.5");

        assertThat(address.truncated()).isEqualTo("198.51.100.0");
    }

    @Test
    void shouldIgnoreForwardedForFromAnUntrustedPeer() throws UnknownHostException {
        assertThat(BEHIND_PROXIES.resolve(peer("198.51.100.7"), "203.0.113.5").truncated()).isEqualTo("198.51.100.0");
    }

    @Test
    void shouldTakeTheRightmostUntrustedHopFromATrustedProxy() throws UnknownHostException {
        ClientAddress address = BEHIND_PROXIES.resolve(peer("10.0.0.2"), "1.1.1.1, 203.0.113.5, 10.0.0.9");

        assertThat(address.truncated()).as("the client's own left entry proves nothing").isEqualTo("203.0.113.0");
    }

    @Test
    void shouldStopAtGarbageAndKeepTheLastAddressATrustedHopVouchedFor() throws UnknownHostException {
        assertThat(BEHIND_PROXIES.resolve(peer("10.0.0.2"), "evil.example, 10.0.0.9").truncated()).isEqualTo("10.0.0.0");
        assertThat(BEHIND_PROXIES.resolve(peer("10.0.0.2"), "").truncated()).isEqualTo("10.0.0.0");
    }

    @Test
    void shouldHandleIpv6ProxiesAndClients() throws UnknownHostException {
        assertThat(BEHIND_PROXIES.resolve(peer("fd12::1"), "2001:db8:aaaa:bbbb::1").truncated()).isEqualTo("2001:db8:aaaa::");
    }

    @Test
    void shouldNeverPrintTheRawAddress() throws UnknownHostException {
        ClientAddress address = new ClientAddressResolver(List.of()).resolve(peer("203.0.113.77"), null);

        assertThat(address.toString()).isEqualTo("203.0.113.0/24").doesNotContain("77");
    }

    @Test
    void shouldMatchCidrRangesBitByBit() {
        Cidr range = Cidr.parse("192.168.12.0/22");

        assertThat(range.contains(IpAddresses.parse("192.168.15.255"))).isTrue();
        assertThat(range.contains(IpAddresses.parse("192.168.16.0"))).isFalse();
        assertThat(range.contains(IpAddresses.parse("::ffff:192.168.13.1"))).isTrue();
        assertThat(range.contains(IpAddresses.parse("2001:db8::1"))).isFalse();
        assertThat(Cidr.parse("0.0.0.0/0").contains(IpAddresses.parse("8.8.8.8"))).isTrue();
        assertThat(Cidr.parse("127.0.0.1").contains(IpAddresses.parse("127.0.0.2"))).isFalse();
    }

    @Test
    void shouldRefuseMalformedRanges() {
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).hasMessageContaining("0-32");
        assertThatThrownBy(() -> Cidr.parse("proxy.internal/8")).hasMessageContaining("not an IP address");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/x")).hasMessageContaining("prefix");
    }
}
