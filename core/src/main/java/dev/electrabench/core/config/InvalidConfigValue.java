package dev.electrabench.core.config;

/**
 * A config value outside its allowed range, thrown by the section records' constructors. The key
 * is the snake_case YAML key relative to the record that threw, so the loader can prefix the
 * section and find the line.
 */
final class InvalidConfigValue extends IllegalArgumentException {
    private final String key;
    private final String problem;

    InvalidConfigValue(String key, String problem) {
        super(key + ": " + problem);
        this.key = key;
        this.problem = problem;
    }

    String key() {
        return key;
    }

    String problem() {
        return problem;
    }

    static int positive(String key, int value) {
        if (value <= 0) {
            throw new InvalidConfigValue(key, "must be > 0, got " + value);
        }
        return value;
    }

    static long positive(String key, long value) {
        if (value <= 0) {
            throw new InvalidConfigValue(key, "must be > 0, got " + value);
        }
        return value;
    }

    static long nonNegative(String key, long value) {
        if (value < 0) {
            throw new InvalidConfigValue(key, "must be >= 0, got " + value);
        }
        return value;
    }

    static double positive(String key, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new InvalidConfigValue(key, "must be a finite number > 0, got " + value);
        }
        return value;
    }

    static double nonNegative(String key, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new InvalidConfigValue(key, "must be a finite number >= 0, got " + value);
        }
        return value;
    }

    /** {@code 0 <= value < 1}: probabilities that must leave something (dropout, Adam betas). */
    static double fraction(String key, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new InvalidConfigValue(key, "must be in [0, 1), got " + value);
        }
        return value;
    }

    static String nonBlank(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidConfigValue(key, "must be a non-empty string");
        }
        return value;
    }
}
