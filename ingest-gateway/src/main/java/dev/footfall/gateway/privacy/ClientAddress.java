package dev.footfall.gateway.privacy;

import java.nio.charset.StandardCharsets;

/**
 * The address a request came from. It stays inside the gateway: only {@link #truncated()} and
 * the salted visitor hash ever leave it. {@link #toString()} deliberately prints the truncated
 * form, so a careless log line cannot leak the raw address either.
 */
public final class ClientAddress {

    private final byte[] bytes;
    private String truncated;
    private String key;

    public ClientAddress(byte[] bytes) {
        this.bytes = IpAddresses.unmapV4(bytes);
    }

    /** The raw bytes (4 or 16), for the visitor hash. */
    public byte[] bytes() {
        return bytes;
    }

    /** The /24 (IPv4) or /48 (IPv6) network: what goes to Kafka. */
    public String truncated() {
        if (truncated == null) {
            truncated = IpAddresses.truncate(bytes);
        }
        return truncated;
    }

    /** A compact map key for per-address rate limits (one char per byte, never printed). */
    public String key() {
        if (key == null) {
            key = new String(bytes, StandardCharsets.ISO_8859_1);
        }
        return key;
    }

    @Override
    public String toString() {
        return truncated() + "/" + (bytes.length == 4 ? 24 : 48);
    }
}
