package dev.electrabench.core.runtime;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Compact human formats for progress lines: durations, rates and logged values. */
public final class ProgressFormat {
    private ProgressFormat() {}

    /** "M:SS" below an hour, else "H:MM:SS" (hours keep growing: "100:00:00"); "?" if unknown. */
    public static String duration(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) {
            return "?";
        }
        long s = Math.round(seconds);
        long h = s / 3600;
        long m = (s % 3600) / 60;
        long sec = s % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, sec)
                : String.format(Locale.ROOT, "%d:%02d", m, sec);
    }

    /**
     * Units per second with an SI suffix ("4.32k tok/s"); below one unit per second, seconds per
     * unit instead ("3.33 s/it"), which reads better for slow training steps.
     */
    public static String rate(double unitsPerSecond, String unit) {
        if (!Double.isFinite(unitsPerSecond) || unitsPerSecond <= 0) {
            return "? " + unit + "/s";
        }
        if (unitsPerSecond < 1) {
            return significant(1 / unitsPerSecond, 3) + " s/" + unit;
        }
        String[] suffixes = {"", "k", "M", "G"};
        int i = 0;
        double v = unitsPerSecond;
        while (v >= 999.5 && i < suffixes.length - 1) {
            v /= 1000;
            i++;
        }
        return significant(v, 3) + suffixes[i] + " " + unit + "/s";
    }

    /** A logged value to 4 significant digits: "3.214", "0.0005", "1.235e+06". */
    public static String value(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return v == 0 ? "0" : String.valueOf(v);
        }
        double a = Math.abs(v);
        if (a >= 1e-4 && a < 1e6) {
            return significant(v, 4);
        }
        return String.format(Locale.ROOT, "%.3e", v);
    }

    private static String significant(double v, int digits) {
        BigDecimal d = new BigDecimal(v).round(new MathContext(digits)).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
    }
}
