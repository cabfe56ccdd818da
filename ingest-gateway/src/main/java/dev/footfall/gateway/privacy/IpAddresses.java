package dev.footfall.gateway.privacy;

/**
 * Parsing and truncating IP address literals by hand. {@code InetAddress.getByName} would do a
 * DNS lookup for anything that is not a literal, and a header is attacker-controlled: a lookup
 * per request would both block a thread and leak the header to a resolver.
 */
public final class IpAddresses {

    private IpAddresses() {
    }

    /**
     * Parses an IPv4 or IPv6 literal (brackets, an IPv6 zone id and a port after an IPv4 address
     * or a bracketed IPv6 address are tolerated, as proxies write them). IPv4-mapped IPv6
     * addresses come back as their 4 IPv4 bytes. Returns null for anything else.
     */
    public static byte[] parse(String text) {
        if (text == null) {
            return null;
        }
        String s = text.trim();
        if (s.isEmpty() || s.length() > 64) {
            return null;
        }
        if (s.charAt(0) == '[') {
            int close = s.indexOf(']');
            if (close < 0) {
                return null;
            }
            s = s.substring(1, close);
        }
        int colon = s.indexOf(':');
        if (colon < 0) {
            return parseV4(s, 0, s.length());
        }
        if (s.indexOf(':', colon + 1) < 0) {
            // Exactly one colon: an IPv4 address with a port.
            return parseV4(s, 0, colon);
        }
        int zone = s.indexOf('%');
        return unmapV4(parseV6(zone < 0 ? s : s.substring(0, zone)));
    }

    /** 4 bytes stay; an IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}) becomes its 4 bytes. */
    public static byte[] unmapV4(byte[] address) {
        if (address == null || address.length != 16) {
            return address;
        }
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return address;
            }
        }
        if (address[10] != (byte) 0xff || address[11] != (byte) 0xff) {
            return address;
        }
        return new byte[] {address[12], address[13], address[14], address[15]};
    }

    /** The /24 network of an IPv4 address or the /48 network of an IPv6 address, as text. */
    public static String truncate(byte[] address) {
        byte[] a = unmapV4(address);
        if (a.length == 4) {
            return (a[0] & 0xff) + "." + (a[1] & 0xff) + "." + (a[2] & 0xff) + ".0";
        }
        int[] groups = new int[8];
        for (int i = 0; i < 3; i++) {
            groups[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
        }
        return formatV6(groups);
    }

    /** Full text of an address, for logs in tests only; production code never prints one. */
    public static String format(byte[] address) {
        byte[] a = unmapV4(address);
        if (a.length == 4) {
            return (a[0] & 0xff) + "." + (a[1] & 0xff) + "." + (a[2] & 0xff) + "." + (a[3] & 0xff);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
        }
        return formatV6(groups);
    }

    private static byte[] parseV4(String s, int from, int to) {
        byte[] out = new byte[4];
        int part = 0;
        int value = -1;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                if (value == 0) {
                    return null; // leading zeros are ambiguous (octal in some parsers)
                }
                value = (value < 0 ? 0 : value * 10) + (c - '0');
                if (value > 255) {
                    return null;
                }
            } else if (c == '.' && value >= 0 && part < 3) {
                out[part++] = (byte) value;
                value = -1;
            } else {
                return null;
            }
        }
        if (part != 3 || value < 0) {
            return null;
        }
        out[3] = (byte) value;
        return out;
    }

    private static byte[] parseV6(String s) {
        int[] groups = new int[8];
        int count = 0;
        int gapAt = -1;
        int i = 0;
        int n = s.length();
        if (s.startsWith("::")) {
            gapAt = 0;
            i = 2;
            if (n == 2) {
                return new byte[16];
            }
        }
        while (i < n) {
            int start = i;
            int value = 0;
            while (i < n && Character.digit(s.charAt(i), 16) >= 0 && i - start < 4) {
                value = (value << 4) | Character.digit(s.charAt(i), 16);
                i++;
            }
            if (i < n && s.charAt(i) == '.') {
                // Embedded IPv4 in the last 32 bits.
                byte[] v4 = parseV4(s, start, n);
                if (v4 == null || count > 6) {
                    return null;
                }
                groups[count++] = ((v4[0] & 0xff) << 8) | (v4[1] & 0xff);
                groups[count++] = ((v4[2] & 0xff) << 8) | (v4[3] & 0xff);
                i = n;
                break;
            }
            if (i == start || count == 8) {
                return null;
            }
            groups[count++] = value;
            if (i == n) {
                break;
            }
            if (s.charAt(i) != ':') {
                return null;
            }
            i++;
            if (i < n && s.charAt(i) == ':') {
                if (gapAt >= 0) {
                    return null;
                }
                gapAt = count;
                i++;
            } else if (i == n) {
                return null; // trailing single colon
            }
        }
        if (gapAt < 0 && count != 8 || gapAt >= 0 && count > 7) {
            return null;
        }
        byte[] out = new byte[16];
        int zeros = 8 - count;
        int g = 0;
        for (int k = 0; k < 8; k++) {
            int value;
            if (gapAt >= 0 && k >= gapAt && k < gapAt + zeros) {
                value = 0;
            } else {
                value = groups[g++];
            }
            out[2 * k] = (byte) (value >>> 8);
            out[2 * k + 1] = (byte) value;
        }
        return out;
    }

    /** RFC 5952: lower-case hex, the longest run (at least two) of zero groups as {@code ::}. */
    private static String formatV6(int[] groups) {
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] == 0) {
                int j = i;
                while (j < 8 && groups[j] == 0) {
                    j++;
                }
                if (j - i > bestLength) {
                    bestStart = i;
                    bestLength = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        StringBuilder out = new StringBuilder(40);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }
}
