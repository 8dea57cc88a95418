package dev.electrabench.core.text;

import dev.electrabench.core.UserException;
import dev.electrabench.core.io.TextFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A BERT vocabulary file: one token per line, id = 0-based line number. */
public final class Vocab {
    public static final String PAD = "[PAD]";
    public static final String UNK = "[UNK]";
    public static final String CLS = "[CLS]";
    public static final String SEP = "[SEP]";
    public static final String MASK = "[MASK]";

    private final String[] tokens;
    private final Map<String, Integer> ids;

    public Vocab(List<String> tokens) {
        this.tokens = tokens.toArray(new String[0]);
        this.ids = new HashMap<>(tokens.size() * 2);
        for (int i = 0; i < this.tokens.length; i++) {
            ids.putIfAbsent(this.tokens[i], i); // first occurrence wins, as in HF
        }
    }

    public static Vocab load(Path file) {
        List<String> lines = new ArrayList<>(TextFiles.readUtf8(file, "vocabulary").lines().toList());
        if (lines.isEmpty()) {
            throw UserException.in(file, "vocabulary file is empty");
        }
        Vocab v = new Vocab(lines);
        for (String special : List.of(PAD, UNK, CLS, SEP, MASK)) {
            if (!v.contains(special)) {
                throw UserException.in(file, "vocabulary has no " + special + " token");
            }
        }
        return v;
    }

    public int size() {
        return tokens.length;
    }

    public boolean contains(String token) {
        return ids.containsKey(token);
    }

    /** Id of {@code token}, or -1 when absent. */
    public int id(String token) {
        Integer id = ids.get(token);
        return id == null ? -1 : id;
    }

    public String token(int id) {
        return tokens[id];
    }

    public int padId() {
        return id(PAD);
    }

    public int unkId() {
        return id(UNK);
    }

    public int clsId() {
        return id(CLS);
    }

    public int sepId() {
        return id(SEP);
    }

    public int maskId() {
        return id(MASK);
    }
}
