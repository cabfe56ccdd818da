package dev.footfall.console.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The console's HTML pages, from {@code dev/footfall/console/web/} on the classpath. */
public final class Pages {

    /** Where the console's static files live, for Jetty's resource handler. */
    public static final String RESOURCE_DIR = "dev/footfall/console/web/";
    private static final String LOGIN = read("login.html");

    private Pages() {
    }

    /** The login form, with an error message when there is one. */
    public static String login(String message) {
        return LOGIN.replace("{{message}}", message == null ? "" : "<p class=\"error\" role=\"alert\">" + escape(message) + "</p>");
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String read(String name) {
        try (InputStream in = Pages.class.getClassLoader().getResourceAsStream(RESOURCE_DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE_DIR + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
