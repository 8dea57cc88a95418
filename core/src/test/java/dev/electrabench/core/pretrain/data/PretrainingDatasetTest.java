package dev.electrabench.core.pretrain.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.electrabench.core.pretrain.RealCorpus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Order, padding, determinism and resume of the batch stream, over 97 real Wikipedia examples. */
class PretrainingDatasetTest {
    private static final int L = 64;
    private static final int N = 97; // prime, so batches straddle epoch ends at varying offsets
    private static List<PretrainingExample> examples;
    private static ExampleStore store;
    private static Map<String, Integer> indexOfRow;

    @BeforeAll
    static void load() {
        examples = RealCorpus.wikipediaExamples(N, L, 3);
        store = new ExampleStore() {
            @Override
            public int size() {
                return examples.size();
            }

            @Override
            public int seqLength() {
                return L;
            }

            @Override
            public PretrainingExample get(int index) {
                return examples.get(index);
            }
        };
        // identify rows by their content (all real examples are distinct)
        indexOfRow = new HashMap<>();
        for (int i = 0; i < N; i++) {
            indexOfRow.put(Arrays.toString(examples.get(i).ids()), i);
        }
        assertEquals(N, indexOfRow.size(), "examples distinct");
    }

    private static List<Integer> rowsAsIndices(ExampleBatch batch) {
        List<Integer> out = new ArrayList<>();
        for (int b = 0; b < batch.batchSize(); b++) {
            int length = Arrays.stream(batch.attentionMask()[b]).sum();
            Integer index = indexOfRow.get(Arrays.toString(Arrays.copyOf(batch.inputIds()[b], length)));
            out.add(index);
        }
        return out;
    }

    @Test
    void everyEpochVisitsEachExampleOnceInAFreshOrder() {
        PretrainingDataset dataset = new PretrainingDataset(store, 5);
        List<Integer> stream = new ArrayList<>();
        for (int i = 0; i < 3 * N / 8 + 1; i++) {
            stream.addAll(rowsAsIndices(dataset.next(8)));
        }
        assertEquals(3L * N / 8 * 8 + 8, dataset.position());
        List<Integer> epoch0 = stream.subList(0, N);
        List<Integer> epoch1 = stream.subList(N, 2 * N);
        assertEquals(N, epoch0.stream().distinct().count(), "epoch 0 is a permutation");
        assertEquals(N, epoch1.stream().distinct().count(), "epoch 1 is a permutation");
        assertFalse(epoch0.equals(epoch1), "each epoch is reshuffled");
        assertFalse(epoch0.equals(new ArrayList<>(epoch0).stream().sorted().toList()), "shuffled, not corpus order");
    }

    @Test
    void rowsArePaddedWithSegmentIdsAndMask() {
        PretrainingDataset dataset = new PretrainingDataset(store, 5);
        ExampleBatch batch = dataset.next(N);
        assertEquals(N, batch.batchSize());
        assertEquals(L, batch.seqLength());
        for (int b = 0; b < N; b++) {
            PretrainingExample e = examples.get(rowsAsIndices(batch).get(b));
            for (int t = 0; t < L; t++) {
                boolean real = t < e.length();
                assertEquals(real ? e.ids()[t] : 0, batch.inputIds()[b][t]);
                assertEquals(real ? 1 : 0, batch.attentionMask()[b][t]);
                assertEquals(real && t >= e.firstSegmentEnd() ? 1 : 0, batch.tokenTypeIds()[b][t]);
            }
        }
    }

    @Test
    void sameSeedSameBatchesOtherSeedOtherBatches() {
        PretrainingDataset a = new PretrainingDataset(store, 5);
        PretrainingDataset b = new PretrainingDataset(store, 5);
        PretrainingDataset c = new PretrainingDataset(store, 6);
        boolean differs = false;
        for (int i = 0; i < 30; i++) {
            ExampleBatch x = a.next(16);
            ExampleBatch y = b.next(16);
            assertTrue(Arrays.deepEquals(x.inputIds(), y.inputIds()));
            assertTrue(Arrays.deepEquals(x.tokenTypeIds(), y.tokenTypeIds()));
            assertTrue(Arrays.deepEquals(x.attentionMask(), y.attentionMask()));
            differs |= !Arrays.deepEquals(x.inputIds(), c.next(16).inputIds());
        }
        assertTrue(differs);
    }

    @Test
    void seekingToASavedPositionReproducesTheRestOfTheStream() {
        PretrainingDataset original = new PretrainingDataset(store, 5);
        List<int[][]> batches = new ArrayList<>();
        long savedPosition = -1;
        for (int i = 0; i < 40; i++) {
            if (i == 17) {
                savedPosition = original.position(); // "checkpoint" after 17 batches of 8 = slot 136, inside epoch 1
            }
            batches.add(original.next(8).inputIds());
        }
        assertEquals(136, savedPosition);

        PretrainingDataset resumed = new PretrainingDataset(store, 5); // a fresh process
        resumed.seek(savedPosition);
        for (int i = 17; i < 40; i++) {
            assertTrue(Arrays.deepEquals(batches.get(i), resumed.next(8).inputIds()), "batch " + i);
        }
        assertEquals(original.position(), resumed.position());

        // the position counts examples, so a resumed run may use another batch size
        PretrainingDataset regrouped = new PretrainingDataset(store, 5);
        regrouped.seek(savedPosition);
        ExampleBatch big = regrouped.next(16);
        assertArrayEquals(batches.get(17)[3], big.inputIds()[3]);
        assertArrayEquals(batches.get(18)[5], big.inputIds()[13]);
    }
}
