package dev.electrabench.tasks.finetune;

import dev.electrabench.core.io.AtomicFiles;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * {@code metrics.csv} of a fine-tuning run: {@code epoch, train_loss, <dev metrics in the scorer's
 * order>, wall_s}, one row per finished epoch, rewritten atomically after each epoch.
 */
final class MetricsCsv {
    private MetricsCsv() {}

    static void write(Path file, List<FineTuneResult.EpochMetrics> rows) {
        List<String> header = new ArrayList<>();
        header.add("epoch");
        header.add("train_loss");
        header.addAll(rows.get(0).devMetrics().keySet());
        header.add("wall_s");
        AtomicFiles.write(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            CSVPrinter csv = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').build());
            csv.printRecord(header);
            for (FineTuneResult.EpochMetrics r : rows) {
                List<String> cells = new ArrayList<>();
                cells.add(Integer.toString(r.epoch()));
                cells.add(number(r.trainLoss()));
                for (String metric : header.subList(2, header.size() - 1)) {
                    Double v = r.devMetrics().get(metric);
                    cells.add(v == null ? "" : number(v));
                }
                cells.add(String.format(Locale.ROOT, "%.2f", r.wallSeconds()));
                csv.printRecord(cells);
            }
            csv.flush();
        });
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%.6f", v);
    }
}
