package dev.footfall.event;

/** {@code context.screen}: the device's screen. */
public record Screen(Integer width, Integer height, Double density) {
}
