package dev.electrabench.tasks.tagging;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Entity-level evaluation with the semantics of the CoNLL shared tasks' {@code conlleval} Perl script,
 * reproduced as its token-by-token state machine (not as a set of spans) so that ill-formed predictions
 * score exactly as the script scores them. Tags are O, B-TYPE or I-TYPE, in IOB1 or IOB2:
 *
 * <ul>
 *   <li>a chunk starts at B-, at I- after O, and at any tag whose type differs from the previous tag's;
 *   <li>a chunk ends before B- or O, and before a tag of another type (so I-PER I-LOC is two chunks);
 *   <li>a predicted chunk is correct when it starts and ends where a gold chunk does, with the same type;
 *   <li>sentences are separated by a boundary (O for both sides, not counted as a token), so chunks never
 *       cross sentences.
 * </ul>
 *
 * (ELECTRA's own tagging scorer does not split I-X I-Y runs; these numbers follow conlleval.)
 */
public final class ConllEval {
    private ConllEval() {}

    /** Scores sentence-aligned gold and predicted tag sequences. */
    public static EntityScores evaluate(List<List<String>> gold, List<List<String>> predicted) {
        if (gold.size() != predicted.size()) {
            throw new IllegalArgumentException(gold.size() + " gold sentences but " + predicted.size() + " predicted");
        }
        Counter counter = new Counter();
        for (int s = 0; s < gold.size(); s++) {
            List<String> g = gold.get(s);
            List<String> p = predicted.get(s);
            if (g.size() != p.size()) {
                throw new IllegalArgumentException("sentence " + s + ": " + g.size() + " gold tags but " + p.size() + " predicted");
            }
            for (int t = 0; t < g.size(); t++) {
                counter.token(check(g.get(t)), check(p.get(t)), false);
            }
            counter.token("O", "O", true);
        }
        return counter.finish();
    }

    private static String check(String tag) {
        if (!IobTags.isIob(tag)) {
            throw new IllegalArgumentException("not an IOB tag: '" + tag + "'");
        }
        return tag;
    }

    /** conlleval's counters and "inside a correct chunk" state. */
    private static final class Counter {
        private String lastGold = "O";
        private String lastGoldType = "";
        private String lastPredicted = "O";
        private String lastPredictedType = "";
        private boolean inCorrect = false;
        private int correctChunks = 0;
        private int goldChunks = 0;
        private int predictedChunks = 0;
        private final Map<String, Integer> correctByType = new HashMap<>();
        private final Map<String, Integer> goldByType = new HashMap<>();
        private final Map<String, Integer> predictedByType = new HashMap<>();
        private int correctTokens = 0;
        private int tokens = 0;

        void token(String goldTag, String predictedTag, boolean boundary) {
            String gold = IobTags.prefix(goldTag);
            String goldType = IobTags.type(goldTag);
            String predicted = IobTags.prefix(predictedTag);
            String predictedType = IobTags.type(predictedTag);

            if (inCorrect) {
                boolean goldEnds = endOfChunk(lastGold, gold, lastGoldType, goldType);
                boolean predictedEnds = endOfChunk(lastPredicted, predicted, lastPredictedType, predictedType);
                if (goldEnds && predictedEnds && lastPredictedType.equals(lastGoldType)) {
                    inCorrect = false;
                    correctChunks++;
                    correctByType.merge(lastGoldType, 1, Integer::sum);
                } else if (goldEnds != predictedEnds || !predictedType.equals(goldType)) {
                    inCorrect = false;
                }
            }
            boolean goldStarts = startOfChunk(lastGold, gold, lastGoldType, goldType);
            boolean predictedStarts = startOfChunk(lastPredicted, predicted, lastPredictedType, predictedType);
            if (goldStarts && predictedStarts && predictedType.equals(goldType)) {
                inCorrect = true;
            }
            if (goldStarts) {
                goldChunks++;
                goldByType.merge(goldType, 1, Integer::sum);
            }
            if (predictedStarts) {
                predictedChunks++;
                predictedByType.merge(predictedType, 1, Integer::sum);
            }
            if (!boundary) {
                if (gold.equals(predicted) && goldType.equals(predictedType)) {
                    correctTokens++;
                }
                tokens++;
            }
            lastGold = gold;
            lastGoldType = goldType;
            lastPredicted = predicted;
            lastPredictedType = predictedType;
        }

        EntityScores finish() {
            if (inCorrect) {
                correctChunks++;
                correctByType.merge(lastGoldType, 1, Integer::sum);
                inCorrect = false;
            }
            Set<String> types = new HashSet<>(goldByType.keySet());
            types.addAll(predictedByType.keySet());
            Map<String, TypeScores> perType = new TreeMap<>();
            for (String type : types) {
                perType.put(type, new TypeScores(goldByType.getOrDefault(type, 0),
                        predictedByType.getOrDefault(type, 0), correctByType.getOrDefault(type, 0)));
            }
            return new EntityScores(new TypeScores(goldChunks, predictedChunks, correctChunks),
                    new TreeMap<>(perType), correctTokens, tokens);
        }
    }

    /** conlleval's endOfChunk for B/I/O tags: does a chunk end between the previous tag and this one? */
    static boolean endOfChunk(String prevTag, String tag, String prevType, String type) {
        boolean end = (prevTag.equals("B") || prevTag.equals("I")) && (tag.equals("B") || tag.equals("O"));
        if (!prevTag.equals("O") && !prevType.equals(type)) {
            end = true;
        }
        return end;
    }

    /** conlleval's startOfChunk for B/I/O tags: does a chunk start at this tag? */
    static boolean startOfChunk(String prevTag, String tag, String prevType, String type) {
        boolean start = tag.equals("B") || (prevTag.equals("O") && tag.equals("I"));
        if (!tag.equals("O") && !prevType.equals(type)) {
            start = true;
        }
        return start;
    }
}
