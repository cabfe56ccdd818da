package dev.footfall.gateway.privacy;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;

/**
 * Finds the client's address: the socket peer, or, when the peer is a configured trusted proxy,
 * the right-most {@code X-Forwarded-For} entry that is not itself a trusted proxy (entries to
 * its left were written by the client and prove nothing). Without trusted proxies the header is
 * ignored entirely, so a client cannot choose its own address.
 */
public final class ClientAddressResolver {

    private static final byte[] UNKNOWN = new byte[4];

    private final List<Cidr> trustedProxies;

    public ClientAddressResolver(List<Cidr> trustedProxies) {
        this.trustedProxies = List.copyOf(trustedProxies);
    }

    public ClientAddress resolve(SocketAddress peer, String forwardedFor) {
        byte[] address = peerBytes(peer);
        if (trustedProxies.isEmpty() || forwardedFor == null || !isTrusted(address)) {
            return new ClientAddress(address);
        }
        int end = forwardedFor.length();
        while (end > 0) {
            int comma = forwardedFor.lastIndexOf(',', end - 1);
            byte[] hop = IpAddresses.parse(forwardedFor.substring(comma + 1, end));
            if (hop == null) {
                break; // garbage in the chain: keep the last address a trusted hop vouched for
            }
            address = hop;
            if (!isTrusted(hop)) {
                break;
            }
            end = comma < 0 ? 0 : comma;
        }
        return new ClientAddress(address);
    }

    private boolean isTrusted(byte[] address) {
        for (Cidr cidr : trustedProxies) {
            if (cidr.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private static byte[] peerBytes(SocketAddress peer) {
        if (peer instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getAddress();
        }
        // Unix sockets and the like: no address to speak of, all of them share one visitor bucket.
        return UNKNOWN;
    }
}
