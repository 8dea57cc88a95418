package dev.electrabench.results.report;

import dev.electrabench.results.leaderboard.Leaderboard;
import dev.electrabench.results.leaderboard.LeaderboardCsv;
import dev.electrabench.results.leaderboard.LeaderboardMarkdown;
import dev.electrabench.results.plot.EfficiencyPlot;
import dev.electrabench.results.reference.PublishedResults;
import dev.electrabench.results.summary.ResultRow;
import dev.electrabench.results.summary.SummaryCsv;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every report file of a run from its result rows alone: summary.csv, leaderboard.csv/.md and the
 * efficiency plots. Used by {@code compare}/{@code evaluate} at the end of a run and by {@code report}.
 */
public final class RunReport {
    /** The files written and the leaderboard they show. */
    public record Written(List<Path> files, Leaderboard leaderboard, List<ResultRow> rows) {}

    private RunReport() {}

    public static Written write(List<ResultRow> rows, Path out, boolean withReferences) {
        // the same run given twice (or a merged summary next to its parts) must not count seeds twice
        List<ResultRow> merged = List.copyOf(new LinkedHashSet<>(rows));
        List<ResultRow> ranked = new ArrayList<>(merged);
        if (withReferences) {
            Set<String> present = merged.stream().filter(ResultRow::isReference).map(ResultRow::model).collect(Collectors.toSet());
            PublishedResults.all().stream().filter(r -> !present.contains(r.model())).forEach(ranked::add);
        }
        Leaderboard leaderboard = Leaderboard.of(ranked);
        List<Path> written = new ArrayList<>();
        written.add(out.resolve(SummaryCsv.FILE_NAME));
        SummaryCsv.write(written.get(0), merged);
        written.add(out.resolve(LeaderboardCsv.FILE_NAME));
        LeaderboardCsv.write(written.get(1), leaderboard);
        written.add(out.resolve(LeaderboardMarkdown.FILE_NAME));
        LeaderboardMarkdown.write(written.get(2), leaderboard);
        written.addAll(EfficiencyPlot.write(leaderboard, out));
        return new Written(written, leaderboard, merged);
    }
}
