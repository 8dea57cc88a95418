package dev.electrabench.tasks.qa;

/** The two SQuAD versions, which differ in data (unanswerable questions) and in evaluation. */
public enum SquadVersion {
    V1_1("1.1"),
    V2_0("2.0");

    private final String number;

    SquadVersion(String number) {
        this.number = number;
    }

    /** "1.1" or "2.0", as in the JSON {@code version} field and the file names. */
    public String number() {
        return number;
    }
}
