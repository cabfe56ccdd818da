package dev.footfall.bench.soak;

import java.util.List;
import java.util.Locale;

/**
 * Whether a series stopped growing: the mean of the run's last third against its middle third
 * (the first third is start-up and the job's state filling up to its lifetimes). "bounded" when
 * the last third is at most the middle third times (1 + {@code relativeTolerance}) plus
 * {@code absoluteSlack}: the slack keeps a series that hovers near zero (lag) from being called
 * growing over noise, the relative part lets a large one (heap) move as collectors make it move.
 *
 * @param middle mean over the middle third, NaN when the series has fewer than 3 points
 * @param last mean over the last third
 * @param lastMax highest value of the last third
 */
public record Growth(String series, String unit, int points, double middle, double last, double lastMax,
        double relativeTolerance, double absoluteSlack, boolean bounded) {

    public static final String BOUNDED = "bounded";
    public static final String GROWING = "GROWING";
    public static final String TOO_SHORT = "too short to tell";

    /** Judges {@code values}, in time order. */
    public static Growth of(String series, String unit, List<Double> values, double relativeTolerance,
            double absoluteSlack) {
        List<Double> known = values.stream().filter(v -> v != null && !v.isNaN()).toList();
        int n = known.size();
        if (n < 3) {
            return new Growth(series, unit, n, Double.NaN, Double.NaN, Double.NaN, relativeTolerance, absoluteSlack, false);
        }
        List<Double> middle = known.subList(n / 3, 2 * n / 3);
        List<Double> last = known.subList(2 * n / 3, n);
        double middleMean = mean(middle);
        double lastMean = mean(last);
        boolean bounded = lastMean <= middleMean * (1 + relativeTolerance) + absoluteSlack;
        return new Growth(series, unit, n, middleMean, lastMean, last.stream().mapToDouble(Double::doubleValue).max()
                .orElse(Double.NaN), relativeTolerance, absoluteSlack, bounded);
    }

    public String verdict() {
        return Double.isNaN(middle) ? TOO_SHORT : bounded ? BOUNDED : GROWING;
    }

    /** The last third as a multiple of the middle third. */
    public double ratio() {
        return middle == 0 ? (last == 0 ? 1 : Double.POSITIVE_INFINITY) : last / middle;
    }

    public String tolerance() {
        return String.format(Locale.ROOT, "last third <= middle third x %.2f + %s %s", 1 + relativeTolerance,
                dev.footfall.bench.report.Numbers.format(absoluteSlack), unit);
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
}
