package dev.footfall.event;

/** {@code context.library}: the SDK that sent the event. */
public record Library(String name, String version) {
}
