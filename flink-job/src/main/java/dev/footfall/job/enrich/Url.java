package dev.footfall.job.enrich;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A lenient URL split into the parts the job uses. Browsers send URLs that {@link java.net.URI}
 * refuses (spaces, raw Unicode, stray percent signs), and nothing about a page view should fail on
 * that, so this parses by hand and never throws.
 *
 * <p>{@link #withoutQuery()} is what gets stored: scheme, host and path. Query strings and
 * fragments carry e-mail addresses and tokens, and user info carries passwords: they never leave
 * the job.
 *
 * @param scheme lower case, or null for a relative URL
 * @param host lower case, without user info or port, or null
 * @param port the port as written, or null
 * @param path the path, {@code /} when a host has none
 * @param query the query string without {@code ?}, or null
 */
public record Url(String scheme, String host, String port, String path, String query) {

    /** Parses a URL; returns null for null or blank input. */
    public static Url parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String rest = text.strip();
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            rest = rest.substring(0, hash);
        }
        String query = null;
        int question = rest.indexOf('?');
        if (question >= 0) {
            query = rest.substring(question + 1);
            rest = rest.substring(0, question);
        }
        String scheme = null;
        String host = null;
        String port = null;
        boolean hasAuthority = false;
        int schemeEnd = rest.indexOf("://");
        if (schemeEnd > 0 && isScheme(rest.substring(0, schemeEnd))) {
            scheme = rest.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
            rest = rest.substring(schemeEnd + 3);
            hasAuthority = true;
        } else if (rest.startsWith("//")) {
            rest = rest.substring(2);
            hasAuthority = true;
        }
        if (hasAuthority) {
            int slash = rest.indexOf('/');
            String authority = slash >= 0 ? rest.substring(0, slash) : rest;
            rest = slash >= 0 ? rest.substring(slash) : "/";
            int at = authority.lastIndexOf('@');
            if (at >= 0) {
                authority = authority.substring(at + 1);
            }
            int colon = authority.lastIndexOf(':');
            if (colon >= 0 && authority.indexOf(']') < colon) {
                port = authority.substring(colon + 1);
                authority = authority.substring(0, colon);
            }
            host = authority.isEmpty() ? null : authority.toLowerCase(Locale.ROOT);
        }
        String path = rest.isEmpty() ? (host != null ? "/" : null) : rest;
        return new Url(scheme, host, port, path, query == null || query.isEmpty() ? null : query);
    }

    /** Scheme, host (and port) and path: never the query string or fragment. */
    public String withoutQuery() {
        if (host == null) {
            return path;
        }
        StringBuilder out = new StringBuilder();
        if (scheme != null) {
            out.append(scheme).append("://");
        } else {
            out.append("//");
        }
        out.append(host);
        if (port != null && !port.isEmpty()) {
            out.append(':').append(port);
        }
        out.append(path == null ? "/" : path);
        return out.toString();
    }

    /** The decoded query parameters; the first value wins when a name repeats. */
    public Map<String, String> parameters() {
        return parameters(query);
    }

    /** Decodes a query string ({@code a=1&b=2}, with or without the leading {@code ?}). */
    public static Map<String, String> parameters(String query) {
        Map<String, String> out = new HashMap<>();
        if (query == null || query.isEmpty()) {
            return out;
        }
        String q = query.startsWith("?") ? query.substring(1) : query;
        for (String pair : q.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq >= 0 ? pair.substring(0, eq) : pair);
            String value = eq >= 0 ? decode(pair.substring(eq + 1)) : "";
            out.putIfAbsent(name, value);
        }
        return out;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text; // a stray '%' in a browser-sent URL: keep it as written
        }
    }

    private static boolean isScheme(String text) {
        if (text.isEmpty() || !Character.isLetter(text.charAt(0))) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.')) {
                return false;
            }
        }
        return true;
    }
}
