package dev.electrabench.tasks.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.electrabench.core.UserException;
import dev.electrabench.tasks.classification.GlueTask;
import dev.electrabench.tasks.qa.SquadDevSplitTask;
import dev.electrabench.tasks.qa.SquadTask;
import dev.electrabench.tasks.tagging.ConllTask;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskRegistryTest {

    @Test
    void theCommandLineTaskNames() {
        assertEquals(List.of("cola", "sst2", "mrpc", "stsb", "qqp", "mnli-m", "mnli-mm", "qnli", "rte", "wnli", "ax",
                "squad1.1", "squad2.0", "squad1.1-devsplit", "conll2003"), TaskRegistry.names());
        for (String name : TaskRegistry.names()) {
            assertEquals(name, TaskRegistry.get(name).name());
        }
    }

    @Test
    void familiesAndPrimaryMetrics() {
        assertInstanceOf(GlueTask.class, TaskRegistry.get("mnli-mm"));
        assertInstanceOf(SquadTask.class, TaskRegistry.get("squad2.0"));
        assertInstanceOf(SquadDevSplitTask.class, TaskRegistry.get("squad1.1-devsplit"));
        assertInstanceOf(ConllTask.class, TaskRegistry.get("conll2003"));
        assertEquals("mcc", TaskRegistry.get("cola").primaryMetric());
        assertEquals("f1", TaskRegistry.get("squad1.1").primaryMetric());
        assertEquals("f1", TaskRegistry.get("conll2003").primaryMetric());
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        UserException e = assertThrows(UserException.class, () -> TaskRegistry.get("sst-2"));
        assertEquals("unknown task 'sst-2' (known: cola, sst2, mrpc, stsb, qqp, mnli-m, mnli-mm, qnli, rte, wnli, ax, "
                + "squad1.1, squad2.0, squad1.1-devsplit, conll2003)", e.getMessage());
    }
}
