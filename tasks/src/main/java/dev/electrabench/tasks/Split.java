package dev.electrabench.tasks;

import java.util.Locale;

/** A dataset split. GLUE and SQuAD test labels are not public, so TEST examples carry no gold. */
public enum Split {
    TRAIN,
    DEV,
    TEST;

    /** Lower-case name used in file names and example ids ("train", "dev", "test"). */
    public String fileStem() {
        return name().toLowerCase(Locale.ROOT);
    }
}
