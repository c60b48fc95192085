package org.atoll.bench;

import java.util.ArrayList;
import java.util.List;

/** One figure measured once per round, printed as the median with min–max. */
final class Figure {

    private final String name;
    private final String unit;
    private final List<Double> values = new ArrayList<>();

    Figure(String name, String unit) {
        this.name = name;
        this.unit = unit;
    }

    void add(double value) {
        values.add(value);
    }

    double value(int round) {
        return values.get(round);
    }

    double median() {
        double[] sorted = sorted();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** "name: median X unit (min A – max B, N rounds)". */
    String line() {
        double[] sorted = sorted();
        return String.format(
                "%-52s median %s %s (min %s, max %s; %d rounds)",
                name, number(median()), unit, number(sorted[0]), number(sorted[sorted.length - 1]), sorted.length);
    }

    /** This figure over a baseline, round by round, as a figure of its own. */
    Figure over(Figure baseline, String ratioName) {
        Figure ratio = new Figure(ratioName, "×");
        for (int i = 0; i < values.size(); i++) {
            ratio.add(values.get(i) / baseline.values.get(i));
        }
        return ratio;
    }

    private double[] sorted() {
        return values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    static String number(double value) {
        if (Math.abs(value) >= 100) {
            return String.format("%,.0f", value);
        }
        if (Math.abs(value) >= 1) {
            return String.format("%.2f", value);
        }
        return String.format("%.3f", value);
    }
}
