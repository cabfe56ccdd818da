package dev.footfall.event;

/** {@code context.campaign}: the UTM parameters (utm_source becomes {@code source}, ...). */
public record Campaign(String name, String source, String medium, String term, String content) {
    public static final Campaign EMPTY = new Campaign(null, null, null, null, null);

    public boolean isEmpty() {
        return name == null && source == null && medium == null && term == null && content == null;
    }
}
