package dev.footfall.event;

/** {@code context.page}: where the event happened, as the browser saw it. */
public record PageContext(String url, String path, String search, String title, String referrer) {
    public static final PageContext EMPTY = new PageContext(null, null, null, null, null);
}
