package dev.footfall.bench.report;

/**
 * What a figure is compared with: the same quantity for something that does strictly less work,
 * measured in the same run on the same machine.
 *
 * @param name what the floor is (e.g. "bare Jetty 12 handler, same config")
 * @param value the floor's measurement, in the figure's unit
 * @param ratio the figure's value divided by the floor's
 */
public record Floor(String name, double value, double ratio) {

    public static Floor of(String name, double floorValue, double figureValue) {
        return new Floor(name, floorValue, floorValue == 0 ? Double.NaN : figureValue / floorValue);
    }
}
