package dev.electrabench.tasks.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.electrabench.core.UserException;
import dev.electrabench.core.runtime.DataDir;
import dev.electrabench.tasks.Split;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Counts computed independently with Python on dev-v1.1.json:
 * {@code d = json.load(f)['data']; sum(len(p['qas']) for a in d[:36] for p in a['paragraphs'])} = 8123,
 * and 2447 for {@code d[36:]}; {@code d[35]['title']} = University_of_Chicago, {@code d[36]['title']} = Yuan_dynasty.
 */
class SquadDevSplitTaskTest {
    private static final Path DATA = DataDir.resolve();
    private static final SquadDevSplitTask TASK = new SquadDevSplitTask();

    @Test
    void splitIsByWholeArticlesWithStableCounts() {
        List<SquadExample> train = TASK.examples(DATA, Split.TRAIN);
        List<SquadExample> dev = TASK.examples(DATA, Split.DEV);
        assertEquals(8123, train.size());
        assertEquals(2447, dev.size());
        Set<String> trainTitles = train.stream().map(SquadExample::title).collect(Collectors.toSet());
        Set<String> devTitles = dev.stream().map(SquadExample::title).collect(Collectors.toSet());
        assertEquals(36, trainTitles.size());
        assertEquals(12, devTitles.size());
        Set<String> both = new HashSet<>(trainTitles);
        both.retainAll(devTitles);
        assertTrue(both.isEmpty(), "articles on both sides: " + both);
        Set<String> contexts = train.stream().map(SquadExample::context).collect(Collectors.toSet());
        assertTrue(dev.stream().noneMatch(e -> contexts.contains(e.context())), "a paragraph is on both sides");
        assertEquals("University_of_Chicago", train.get(train.size() - 1).title());
        assertEquals("Yuan_dynasty", dev.get(0).title());
        assertEquals(10570, train.size() + dev.size());
    }

    @Test
    void noTestSplitAndV1Scoring() {
        assertThrows(UserException.class, () -> TASK.examples(DATA, Split.TEST));
        assertEquals(SquadVersion.V1_1, TASK.scorer().version());
    }
}
