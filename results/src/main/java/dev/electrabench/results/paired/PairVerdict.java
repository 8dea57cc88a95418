package dev.electrabench.results.paired;

/** What a paired comparison says about model A against model B. */
public enum PairVerdict {
    /** The whole 95% interval of the difference lies on the better side of zero. */
    BETTER("better"),
    /** The whole 95% interval lies on the worse side of zero. */
    WORSE("worse"),
    /** The interval contains zero: the seeds cannot tell the two models apart. */
    WITHIN_NOISE("within noise"),
    /** Fewer than two seeds in common: no interval, no verdict. */
    TOO_FEW_SEEDS("too few seeds");

    private final String label;

    PairVerdict(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static PairVerdict fromLabel(String label) {
        for (PairVerdict v : values()) {
            if (v.label.equals(label)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown verdict '" + label + "' (better, worse, within noise, too few seeds)");
    }
}
