package dev.electrabench.results.report;

import dev.electrabench.results.leaderboard.Leaderboard;
import dev.electrabench.results.leaderboard.LeaderboardCsv;
import dev.electrabench.results.paired.ComparisonsCsv;
import dev.electrabench.results.paired.PairedComparisons;
import dev.electrabench.results.paired.PairedDifference;
import dev.electrabench.results.plot.EfficiencyPlot;
import dev.electrabench.results.plot.Figure;
import dev.electrabench.results.plot.FineTuneCurves;
import dev.electrabench.results.plot.LearningCurves;
import dev.electrabench.results.reference.PublishedResults;
import dev.electrabench.results.summary.ResultRow;
import dev.electrabench.results.summary.SummaryCsv;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every report file of a run: summary.csv, leaderboard.csv/.md, comparisons.csv, results.json, the
 * efficiency plots, the pre-training and fine-tuning curves found in the run folders, and report.html
 * showing all of it. Used by {@code compare}/{@code evaluate} at the end of a run and by {@code report}.
 */
public final class RunReport {
    /** The files written and the leaderboard they show. */
    public record Written(List<Path> files, Leaderboard leaderboard, List<ResultRow> rows, List<PairedDifference> comparisons,
                          List<Figure> figures) {}

    private RunReport() {}

    /** The report of the run folder {@code out}, written into it. */
    public static Written write(List<ResultRow> rows, Path out, boolean withReferences) {
        return write(rows, List.of(out), out, withReferences);
    }

    /**
     * @param runDirs the run folders the rows came from (searched for pre-training and fine-tuning logs and
     *                config files; a folder without them is fine)
     */
    public static Written write(List<ResultRow> rows, List<Path> runDirs, Path out, boolean withReferences) {
        // the same run given twice (or a merged summary next to its parts) must not count seeds twice
        List<ResultRow> merged = List.copyOf(new LinkedHashSet<>(rows));
        List<ResultRow> ranked = new ArrayList<>(merged);
        if (withReferences) {
            Set<String> present = merged.stream().filter(ResultRow::isReference).map(ResultRow::model).collect(Collectors.toSet());
            PublishedResults.all().stream().filter(r -> !present.contains(r.model())).forEach(ranked::add);
        }
        Leaderboard leaderboard = Leaderboard.of(ranked);
        List<PairedDifference> comparisons = PairedComparisons.of(merged);
        List<Path> written = new ArrayList<>();
        written.add(out.resolve(SummaryCsv.FILE_NAME));
        SummaryCsv.write(written.get(written.size() - 1), merged);
        written.add(out.resolve(LeaderboardCsv.FILE_NAME));
        LeaderboardCsv.write(written.get(written.size() - 1), leaderboard);
        written.add(out.resolve(ComparisonsCsv.FILE_NAME));
        ComparisonsCsv.write(written.get(written.size() - 1), comparisons);
        written.add(out.resolve(LeaderboardMarkdown.FILE_NAME));
        LeaderboardMarkdown.write(written.get(written.size() - 1), leaderboard, comparisons);

        List<RunFolder> folders = RunFolder.of(runDirs);
        List<LearningCurves.Log> pretrain = new ArrayList<>();
        List<FineTuneCurves.Log> finetune = new ArrayList<>();
        Map<String, String> configs = new LinkedHashMap<>();
        for (RunFolder f : folders) {
            pretrain.addAll(f.pretrainLogs());
            finetune.addAll(f.fineTuneLogs());
            configs.putAll(f.configFiles());
        }
        List<Figure> figures = new ArrayList<>(EfficiencyPlot.figures(leaderboard, out));
        figures.addAll(LearningCurves.figures(pretrain, out));
        figures.addAll(FineTuneCurves.figures(finetune, out));
        figures.forEach(f -> written.addAll(List.of(f.svg(), f.png())));

        written.add(out.resolve(ResultsJson.FILE_NAME));
        ResultsJson.write(written.get(written.size() - 1), merged, configs);
        Path html = out.resolve(ReportHtml.FILE_NAME);
        List<Path> listed = new ArrayList<>(written);
        listed.add(html);
        ReportHtml.write(html, new ReportHtml.Content(leaderboard, comparisons, merged, figures, configs, listed));
        written.add(html);
        return new Written(written, leaderboard, merged, comparisons, figures);
    }
}
