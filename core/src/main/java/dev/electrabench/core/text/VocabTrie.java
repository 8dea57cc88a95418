package dev.electrabench.core.text;

import java.util.Arrays;

/**
 * A char trie over the vocabulary for WordPiece's greedy longest-match-first step: one walk from a
 * position finds the longest vocabulary entry starting there, instead of hashing every candidate
 * substring from the longest down. Word-initial pieces are matched from the root, continuation pieces
 * from the node reached by {@code "##"}, which is the same as looking up {@code "##" + substring}.
 *
 * <p>Edges live in one open-addressing table keyed by (node, char); the root's edges are a direct
 * array because every match starts there.
 */
final class VocabTrie {
    private static final String CONTINUATION = "##";
    private static final long EMPTY = -1L;

    private final int[] rootChild = new int[0x10000];
    private long[] keys;
    private int[] children;
    private int mask;
    private int shift;
    private int edges;
    /** Vocabulary id ending at each node, or -1. */
    private int[] idAt;
    private int nodes;
    private final int continuationRoot;

    VocabTrie(Vocab vocab) {
        Arrays.fill(rootChild, -1);
        idAt = new int[1024];
        Arrays.fill(idAt, -1);
        nodes = 1; // node 0 is the root
        allocateTable(1 << 16);
        for (int id = 0; id < vocab.size(); id++) {
            String token = vocab.token(id);
            if (token.isEmpty()) {
                continue;
            }
            int node = insert(token);
            if (idAt[node] < 0) {
                idAt[node] = id; // first occurrence wins, as in Vocab and HF
            }
        }
        int cont = 0;
        for (int i = 0; i < CONTINUATION.length() && cont >= 0; i++) {
            cont = child(cont, CONTINUATION.charAt(i));
        }
        continuationRoot = cont;
    }

    /**
     * Longest vocabulary entry equal to {@code word[from, end)} for some end in (from, to], that does not
     * end inside a surrogate pair; for a continuation piece the entry is {@code "##" + word[from, end)}.
     *
     * @return {@code (long) end << 32 | id}, or -1 when no entry matches
     */
    long longestMatch(char[] word, int from, int to, boolean continuation) {
        int node = continuation ? continuationRoot : 0;
        if (node < 0) {
            return -1;
        }
        long best = -1;
        for (int k = from; k < to; k++) {
            node = child(node, word[k]);
            if (node < 0) {
                break;
            }
            int id = idAt[node];
            if (id >= 0 && (k + 1 == to || !Character.isLowSurrogate(word[k + 1]))) {
                best = ((long) (k + 1) << 32) | id;
            }
        }
        return best;
    }

    private int insert(String token) {
        int node = 0;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            int next = child(node, c);
            if (next < 0) {
                next = newNode();
                putChild(node, c, next);
            }
            node = next;
        }
        return node;
    }

    private int newNode() {
        if (nodes == idAt.length) {
            int old = idAt.length;
            idAt = Arrays.copyOf(idAt, old * 2);
            Arrays.fill(idAt, old, idAt.length, -1);
        }
        return nodes++;
    }

    private int child(int node, char c) {
        if (node == 0) {
            return rootChild[c];
        }
        long key = ((long) node << 16) | c;
        for (int slot = slot(key); ; slot = (slot + 1) & mask) {
            long k = keys[slot];
            if (k == key) {
                return children[slot];
            }
            if (k == EMPTY) {
                return -1;
            }
        }
    }

    private void putChild(int node, char c, int child) {
        if (node == 0) {
            rootChild[c] = child;
            return;
        }
        if (2 * (edges + 1) > keys.length) {
            grow();
        }
        store(((long) node << 16) | c, child);
        edges++;
    }

    private void store(long key, int child) {
        int slot = slot(key);
        while (keys[slot] != EMPTY) {
            slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        children[slot] = child;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldChildren = children;
        allocateTable(oldKeys.length * 2);
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                store(oldKeys[i], oldChildren[i]);
            }
        }
    }

    private void allocateTable(int capacity) {
        keys = new long[capacity];
        Arrays.fill(keys, EMPTY);
        children = new int[capacity];
        mask = capacity - 1;
        shift = 64 - Integer.numberOfTrailingZeros(capacity);
    }

    private int slot(long key) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
    }
}
