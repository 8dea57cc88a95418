package dev.electrabench.results.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.electrabench.results.leaderboard.Leaderboard;
import dev.electrabench.results.leaderboard.LeaderboardEntry;
import org.junit.jupiter.api.Test;

class PublishedResultsTest {
    @Test
    void glueScoresEqualThePlainEightTaskMeansOfTheReadme() {
        Leaderboard lb = Leaderboard.of(PublishedResults.all());
        assertEquals(2, lb.entries().size());
        LeaderboardEntry plusPlus = lb.entries().get(0);
        LeaderboardEntry owt = lb.entries().get(1);
        // (57.0+91.2+88.0+87.5+89.0+81.3+88.4+66.7)/8 = 649.1/8 = 81.1375 (electra-reference.md: 81.14)
        assertEquals("ELECTRA-Small++ (published)", plusPlus.model());
        assertEquals(81.1375, plusPlus.glueScore(), 1e-9);
        // (56.8+88.3+87.4+86.8+88.3+78.9+87.9+68.5)/8 = 642.9/8 = 80.3625 (README reproductions: 80.36)
        assertEquals("ELECTRA-Small-OWT (published)", owt.model());
        assertEquals(80.3625, owt.glueScore(), 1e-9);
        assertTrue(plusPlus.reference() && owt.reference());
        assertTrue(plusPlus.absentGlueTasks().isEmpty());
        assertEquals(75.8, plusPlus.stats("squad1.1", "exact_match").orElseThrow().median());
        assertTrue(PublishedResults.all().stream().allMatch(r -> r.run().runId().equals("reference") && r.seed().isEmpty()));
    }
}
