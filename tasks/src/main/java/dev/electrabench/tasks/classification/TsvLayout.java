package dev.electrabench.tasks.classification;

/**
 * Where a GLUE split's fields are. Column indices may be negative, counted from the end of the row as
 * in ELECTRA's readers (STS-B's score and MNLI's gold label are the last column).
 *
 * @param header whether the first line is a header to skip
 * @param minColumns rows with fewer tab-separated fields are malformed
 * @param textA column of the first sentence
 * @param textB column of the second sentence, or {@link #NONE}
 * @param label column of the gold label, or {@link #NONE} (test splits)
 */
public record TsvLayout(boolean header, int minColumns, int textA, int textB, int label) {
    public static final int NONE = Integer.MIN_VALUE;

    public TsvLayout {
        for (int column : new int[] {textA, textB, label}) {
            if (column != NONE && (column >= minColumns || -column > minColumns)) {
                throw new IllegalArgumentException("column " + column + " is outside " + minColumns + " columns");
            }
        }
    }

    /** The field at {@code column} (negative = from the end) of a row with at least minColumns fields. */
    static String field(String[] row, int column) {
        return row[column >= 0 ? column : row.length + column];
    }
}
