package dev.electrabench.core.text;

import java.util.Arrays;

/** Growable parallel arrays of wordpiece ids and their [start, end) spans, filled by the tokenizer. */
final class PieceBuffer {
    int[] ids;
    int[] starts;
    int[] ends;
    int size;

    PieceBuffer(int capacity) {
        int c = Math.max(capacity, 8);
        ids = new int[c];
        starts = new int[c];
        ends = new int[c];
    }

    void add(int id, int start, int end) {
        if (size == ids.length) {
            int c = size * 2;
            ids = Arrays.copyOf(ids, c);
            starts = Arrays.copyOf(starts, c);
            ends = Arrays.copyOf(ends, c);
        }
        ids[size] = id;
        starts[size] = start;
        ends[size] = end;
        size++;
    }
}
