package dev.footfall.local.privacy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every textual form one client address can take, as patterns that match it as a whole address
 * (not as the prefix of a longer one): dotted IPv4 and its IPv4-mapped IPv6 forms; IPv6
 * compressed (RFC 5952), uncompressed (as Java prints it) and fully expanded. Matching ignores
 * case. Also the form the gateway is meant to keep: the /24 or /48 network.
 */
final class AddressForms {

    private final String literal;
    private final byte[] bytes;
    private final List<String> rawForms = new ArrayList<>();
    private final List<Pattern> rawPatterns = new ArrayList<>();

    AddressForms(String literal) {
        this.literal = literal;
        try {
            this.bytes = InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
        Set<String> forms = new LinkedHashSet<>();
        if (bytes.length == 4) {
            String dotted = dotted(bytes);
            forms.add(dotted);
            int[] mapped = {0, 0, 0, 0, 0, 0xffff, (bytes[0] & 0xff) << 8 | bytes[1] & 0xff, (bytes[2] & 0xff) << 8 | bytes[3] & 0xff};
            forms.add(compressed(mapped));
            forms.add(uncompressed(mapped));
            forms.add(expanded(mapped));
            forms.add("0:0:0:0:0:ffff:" + dotted);
            forms.add("0000:0000:0000:0000:0000:ffff:" + dotted);
        } else {
            int[] groups = new int[8];
            for (int i = 0; i < 8; i++) {
                groups[i] = (bytes[2 * i] & 0xff) << 8 | bytes[2 * i + 1] & 0xff;
            }
            forms.add(compressed(groups));
            forms.add(uncompressed(groups));
            forms.add(expanded(groups));
        }
        for (String form : forms) {
            form = form.toLowerCase(Locale.ROOT);
            rawForms.add(form);
            boolean dottedForm = form.indexOf(':') < 0;
            // A whole address: no address character may continue it on either side.
            String before = dottedForm ? "(?<![0-9.])" : "(?<![0-9a-fA-F:])";
            String after = dottedForm ? "(?![0-9])" : "(?![0-9a-fA-F:])";
            rawPatterns.add(Pattern.compile(before + Pattern.quote(form) + after, Pattern.CASE_INSENSITIVE));
        }
    }

    String literal() {
        return literal;
    }

    boolean isV6() {
        return bytes.length == 16 && !isMappedV4();
    }

    List<String> rawForms() {
        return rawForms;
    }

    /**
     * The raw forms found in a text.
     *
     * @param lowerCaseText the text in lower case (forms are lower case; a quick substring search
     *     picks the few texts worth a pattern match)
     */
    List<String> rawFormsIn(String lowerCaseText) {
        List<String> found = new ArrayList<>();
        for (int i = 0; i < rawPatterns.size(); i++) {
            if (lowerCaseText.contains(rawForms.get(i)) && rawPatterns.get(i).matcher(lowerCaseText).find()) {
                found.add(rawForms.get(i));
            }
        }
        return found;
    }

    /** What the gateway keeps: the /24 network of an IPv4 address, the /48 of an IPv6 one, as it prints them. */
    String truncated() {
        byte[] b = isMappedV4() ? new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]} : bytes;
        if (b.length == 4) {
            return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + ".0";
        }
        int[] groups = new int[8];
        for (int i = 0; i < 3; i++) {
            groups[i] = (b[2 * i] & 0xff) << 8 | b[2 * i + 1] & 0xff;
        }
        return compressed(groups);
    }

    private boolean isMappedV4() {
        if (bytes.length != 16) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff;
    }

    private static String dotted(byte[] b) {
        return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
    }

    /** RFC 5952: lower case, no leading zeros, the longest run of two or more zero groups as "::". */
    static String compressed(int[] groups) {
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
        }
        StringBuilder out = new StringBuilder();
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

    private static String uncompressed(int[] groups) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            out.append(i == 0 ? "" : ":").append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    private static String expanded(int[] groups) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            out.append(i == 0 ? "" : ":").append(String.format(Locale.ROOT, "%04x", groups[i]));
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return literal;
    }
}
