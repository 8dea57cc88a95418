package dev.electrabench.results.gate;

import dev.electrabench.results.leaderboard.LeaderboardFormat;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Every metric compared, and whether the gate passes (no metric REGRESSED or missing-in-current). */
public record GateReport(List<MetricCheck> checks) {
    public GateReport {
        checks = List.copyOf(checks);
    }

    public boolean passed() {
        return checks.stream().noneMatch(c -> c.verdict().failing());
    }

    public Map<Verdict, Integer> counts() {
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        checks.forEach(c -> counts.merge(c.verdict(), 1, Integer::sum));
        return counts;
    }

    /** The plain-text table printed by {@code electra-bench check}, ending with the overall status line. */
    public String table() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"model", "fraction", "task", "metric", "baseline", "current", "delta", "allowed", "verdict"});
        for (MetricCheck c : checks) {
            MetricKey k = c.key();
            rows.add(new String[] {k.model(), LeaderboardFormat.fraction(k.checkpointFraction()), k.task(), k.metric(),
                    LeaderboardFormat.value(c.baseline().median()), LeaderboardFormat.value(c.current().median()),
                    Double.isNaN(c.delta()) ? "–" : String.format(Locale.ROOT, "%+.2f", c.delta()),
                    LeaderboardFormat.value(c.allowed()), c.verdict().label()});
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                widths[i] = Math.max(widths[i], r[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                sb.append(i < 4 ? pad(r[i], widths[i]) : padLeft(r[i], widths[i]));
                sb.append(i + 1 < r.length ? "  " : "");
            }
            sb.append('\n');
        }
        sb.append(statusLine()).append('\n');
        return sb.toString();
    }

    /** "status: OK (12 compared: 10 ok, 2 improved)" or "status: REGRESSED (...)". */
    public String statusLine() {
        StringBuilder sb = new StringBuilder("status: ").append(passed() ? "OK" : "REGRESSED").append(" (");
        List<String> parts = new ArrayList<>();
        counts().forEach((v, n) -> parts.add(n + " " + v.label()));
        return sb.append(String.join(", ", parts)).append(')').toString();
    }

    private static String pad(String s, int w) {
        return s + " ".repeat(w - s.length());
    }

    private static String padLeft(String s, int w) {
        return " ".repeat(w - s.length()) + s;
    }
}
