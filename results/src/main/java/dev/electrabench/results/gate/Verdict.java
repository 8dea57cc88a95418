package dev.electrabench.results.gate;

/** The outcome for one metric. */
public enum Verdict {
    /** Within tolerance of the baseline. */
    OK("ok", false),
    /** Better than the baseline by more than the tolerance. */
    IMPROVED("improved", false),
    /** Worse than the baseline by more than the tolerance. */
    REGRESSED("REGRESSED", true),
    /** In the baseline but not in the current results: whatever broke it is hidden, so it fails. */
    MISSING_IN_CURRENT("missing-in-current", true),
    /** Only in the current results: nothing to compare with; informational. */
    NEW_IN_CURRENT("new-in-current", false);

    private final String label;
    private final boolean failing;

    Verdict(String label, boolean failing) {
        this.label = label;
        this.failing = failing;
    }

    public String label() {
        return label;
    }

    public boolean failing() {
        return failing;
    }
}
