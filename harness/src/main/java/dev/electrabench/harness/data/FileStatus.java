package dev.electrabench.harness.data;

/** What {@code verify} found for one file. */
public record FileStatus(Dataset dataset, DataFile file, State state, String detail) {
    public enum State {
        /** Present, right format and row count, checksum matches where known. */
        OK("ok"),
        /** Present and valid, but its bytes differ from the reference copy (not an official checksum). */
        DIFFERS("differs"),
        /** Not there (an interrupted download may have left a .part file). */
        MISSING("MISSING"),
        /** Present but wrong: format, row count or official checksum. */
        CORRUPT("CORRUPT");

        private final String label;

        State(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
