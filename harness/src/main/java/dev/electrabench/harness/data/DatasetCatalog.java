package dev.electrabench.harness.data;

import dev.electrabench.tasks.Split;
import dev.electrabench.tasks.classification.GlueTask;
import dev.electrabench.tasks.classification.GlueTasks;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Every dataset the harness knows, in the data-dir layout the tasks and pre-training read. Verified row
 * counts and sha256 come from shared/data/SOURCES.md (copied into {@code sha256sums.txt}); counts not
 * checked on a copy here are marked unverified (dataset cards) or unknown.
 */
public final class DatasetCatalog {
    private static final String GLUE = "https://dl.fbaipublicfiles.com/glue/data/";
    private static final String SQUAD = "https://rajpurkar.github.io/SQuAD-explorer/dataset/";
    /** sha256 that are those of the official release, not only of our reference copy. */
    private static final Set<String> OFFICIAL_SHA256 = Set.of(
            "squad/v1.1/dev-v1.1.json",            // equals the checksum published for the official file
            "vocab/bert-base-uncased-vocab.txt");  // the well-known bert-base-uncased vocab (md5 64800d5d...)

    private static final Map<String, String> SHA256 = loadSha256();
    private static final List<Dataset> ALL = build();

    private DatasetCatalog() {}

    public static List<Dataset> all() {
        return ALL;
    }

    public static Optional<Dataset> find(String name) {
        return ALL.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    public static List<String> names() {
        return ALL.stream().map(Dataset::name).toList();
    }

    private static List<Dataset> build() {
        List<Dataset> all = new ArrayList<>();
        all.add(glueZip("cola", "CoLA (GLUE): grammatical acceptability", "CoLA.zip",
                glue(GlueTasks.COLA, Split.TRAIN, "train.tsv", 4, 8551),
                glue(GlueTasks.COLA, Split.DEV, "dev.tsv", 4, 1043),
                glue(GlueTasks.COLA, Split.TEST, "test.tsv", 2, 1063)));
        all.add(glueZip("sst2", "SST-2 (GLUE): sentiment", "SST-2.zip",
                glue(GlueTasks.SST2, Split.TRAIN, "train.tsv", 2, 67349),
                glue(GlueTasks.SST2, Split.DEV, "dev.tsv", 2, 872),
                glue(GlueTasks.SST2, Split.TEST, "test.tsv", 2, 1821)));
        all.add(new Dataset("mrpc", "MRPC (GLUE): paraphrase", List.of(
                glue(GlueTasks.MRPC, Split.TRAIN, "train.tsv", 5, 3668),
                glue(GlueTasks.MRPC, Split.DEV, "dev.tsv", 5, 408),
                glue(GlueTasks.MRPC, Split.TEST, "test.tsv", 5, 1725)),
                new Source.Mrpc(URI.create("https://dl.fbaipublicfiles.com/senteval/senteval_data/msr_paraphrase_train.txt"),
                        URI.create("https://dl.fbaipublicfiles.com/senteval/senteval_data/msr_paraphrase_test.txt"),
                        URI.create("https://firebasestorage.googleapis.com/v0/b/mtl-sentence-representations.appspot.com/o/data%2Fmrpc_dev_ids.tsv?alt=media&token=ec5c0836-31d5-48f4-b431-7480817f1adc")),
                "Microsoft Research Paraphrase Corpus licence terms"));
        all.add(glueZip("stsb", "STS-B (GLUE): semantic similarity", "STS-B.zip",
                glue(GlueTasks.STSB, Split.TRAIN, "train.tsv", 10, 5749),
                glue(GlueTasks.STSB, Split.DEV, "dev.tsv", 10, 1500),
                glue(GlueTasks.STSB, Split.TEST, "test.tsv", 9, 1379),
                unknown("glue/STS-B/LICENSE.txt", new FileFormat.TextLines())));
        all.add(glueZip("qqp", "QQP (GLUE): question paraphrase", "QQP-clean.zip",
                glueUnverified(GlueTasks.QQP, Split.TRAIN, "train.tsv", 0, 363846),
                glueUnverified(GlueTasks.QQP, Split.DEV, "dev.tsv", 0, 40430),
                glueUnverified(GlueTasks.QQP, Split.TEST, "test.tsv", 0, 390965)));
        all.add(glueZip("mnli", "MNLI (GLUE): entailment, matched (mnli-m) and mismatched (mnli-mm)", "MNLI.zip",
                glueUnverified(GlueTasks.MNLI_MATCHED, Split.TRAIN, "train.tsv", 0, 392702),
                glueUnverified(GlueTasks.MNLI_MATCHED, Split.DEV, "dev_matched.tsv", 0, 9815),
                glueUnverified(GlueTasks.MNLI_MISMATCHED, Split.DEV, "dev_mismatched.tsv", 0, 9832),
                glueUnverified(GlueTasks.MNLI_MATCHED, Split.TEST, "test_matched.tsv", 0, 9796),
                glueUnverified(GlueTasks.MNLI_MISMATCHED, Split.TEST, "test_mismatched.tsv", 0, 9847)));
        all.add(glueZip("qnli", "QNLI (GLUE, v2): question entailment", "QNLIv2.zip",
                glueUnverified(GlueTasks.QNLI, Split.TRAIN, "train.tsv", 0, 104743),
                glue(GlueTasks.QNLI, Split.DEV, "dev.tsv", 4, 5463),
                glue(GlueTasks.QNLI, Split.TEST, "test.tsv", 3, 5463)));
        all.add(glueZip("rte", "RTE (GLUE): entailment", "RTE.zip",
                glue(GlueTasks.RTE, Split.TRAIN, "train.tsv", 4, 2490),
                glue(GlueTasks.RTE, Split.DEV, "dev.tsv", 4, 277),
                glue(GlueTasks.RTE, Split.TEST, "test.tsv", 3, 3000)));
        all.add(glueZip("wnli", "WNLI (GLUE): Winograd entailment (never in the GLUE score)", "WNLI.zip",
                glue(GlueTasks.WNLI, Split.TRAIN, "train.tsv", 4, 635),
                glue(GlueTasks.WNLI, Split.DEV, "dev.tsv", 4, 71),
                glue(GlueTasks.WNLI, Split.TEST, "test.tsv", 3, 146)));
        all.add(direct("ax", "AX (GLUE diagnostic, unlabeled)", "see the GLUE site for terms",
                url(GLUE + "AX.tsv", glueUnverified(GlueTasks.AX, Split.TEST, "AX.tsv", 0, 1104))));
        all.add(direct("squad1.1", "SQuAD v1.1 train and dev", "CC BY-SA 4.0",
                url(SQUAD + "train-v1.1.json", unverified("squad/v1.1/train-v1.1.json", new FileFormat.SquadJson("1.1"), 87599)),
                url(SQUAD + "dev-v1.1.json", file("squad/v1.1/dev-v1.1.json", new FileFormat.SquadJson("1.1"), 10570))));
        all.add(direct("squad2.0", "SQuAD v2.0 train and dev", "CC BY-SA 4.0",
                url(SQUAD + "train-v2.0.json", unverified("squad/v2.0/train-v2.0.json", new FileFormat.SquadJson("v2.0"), 130319)),
                url(SQUAD + "dev-v2.0.json", unverified("squad/v2.0/dev-v2.0.json", new FileFormat.SquadJson("v2.0"), 11873))));
        all.add(new Dataset("conll2003", "CoNLL-2003 English NER (train = eng.train, dev = eng.testa, test = eng.testb)", List.of(
                file("conll2003/eng.train", new FileFormat.Conll(), 14041),
                file("conll2003/eng.testa", new FileFormat.Conll(), 3250),
                file("conll2003/eng.testb", new FileFormat.Conll(), 3453)),
                new Source.Manual("CoNLL-2003 is not redistributable: the annotations are free (https://www.clips.uantwerpen.be/conll2003/ner/), "
                        + "but the text is from the Reuters Corpus RCV1, which NIST distributes under the Reuters Corpus licence agreement "
                        + "(https://trec.nist.gov/data/reuters/reuters.html). Obtain RCV1, build eng.train/eng.testa/eng.testb with the "
                        + "shared task's scripts and put them in <data-dir>/conll2003/.", false),
                "Reuters Corpus licence (research use, no redistribution)"));
        all.add(new Dataset("enwiki-wikiextractor", "English Wikipedia (about 2015), WikiExtractor output, 100 gzip files, 6514 articles (pre-training corpus)",
                wikiFiles(),
                new Source.Manual("No official download of this exact slice: it is WikiExtractor output (AA/wiki_00..wiki_99) of an English "
                        + "Wikipedia dump. Fetch it from a mirror of a data dir (--base-url), or run WikiExtractor on a dump from "
                        + "https://dumps.wikimedia.org/enwiki/ and gzip its files into <data-dir>/corpus/enwiki-wikiextractor/.", true),
                "CC BY-SA 3.0 / GFDL (Wikipedia)"));
        all.add(new Dataset("wikitext-2", "WikiText-2 (tokenized v1) validation and test; train optional (pre-training corpus / held-out text)", List.of(
                file("corpus/wikitext-2/wiki.valid.tokens", new FileFormat.TextLines(), 3760),
                file("corpus/wikitext-2/wiki.test.tokens", new FileFormat.TextLines(), 4358),
                unverified("corpus/wikitext-2/wiki.train.tokens", new FileFormat.TextLines(), 36718)),
                new Source.Manual("The original WikiText-2 download (wikitext-2-v1.zip, Merity et al. 2016) is no longer hosted by its "
                        + "authors; fetch it from a mirror of a data dir (--base-url) or copy wiki.*.tokens into <data-dir>/corpus/wikitext-2/.", true),
                "CC BY-SA 3.0"));
        all.add(direct("vocab", "BERT uncased WordPiece vocab (bert-base-uncased vocab.txt, 30522 tokens)", "Apache-2.0",
                url("https://huggingface.co/google-bert/bert-base-uncased/resolve/main/vocab.txt",
                        file("vocab/bert-base-uncased-vocab.txt", new FileFormat.Vocab(), 30522))));
        return List.copyOf(all);
    }

    /** A GLUE task archive; its top folder (e.g. CoLA/) is unpacked into glue/. */
    private static Dataset glueZip(String name, String title, String zip, DataFile... files) {
        return new Dataset(name, title, List.of(files), new Source.Zip(URI.create(GLUE + zip), "glue"), "see the GLUE site (gluebenchmark.com) for terms");
    }

    private record Download(URI url, DataFile file) {}

    private static Download url(String url, DataFile file) {
        return new Download(URI.create(url), file);
    }

    private static Dataset direct(String name, String title, String licence, Download... downloads) {
        Map<String, URI> urls = new LinkedHashMap<>();
        List<DataFile> files = new ArrayList<>();
        for (Download d : downloads) {
            urls.put(d.file.path(), d.url);
            files.add(d.file);
        }
        return new Dataset(name, title, files, new Source.Direct(urls), licence);
    }

    private static List<DataFile> wikiFiles() {
        List<DataFile> files = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            files.add(unknown(String.format("corpus/enwiki-wikiextractor/AA/wiki_%02d.gz", i), new FileFormat.WikiExtractorGz()));
        }
        return files;
    }

    /**
     * A GLUE file at the path its task reads ({@link GlueTask#dataPath}), with the task's header flag;
     * {@code columns} is the exact field count verified on our copy (0: not checked).
     */
    private static DataFile glue(GlueTask task, Split split, String fileName, int columns, long rows) {
        return file(task.dataPath(split, fileName), new FileFormat.Tsv(task.hasHeader(split), columns), rows);
    }

    private static DataFile glueUnverified(GlueTask task, Split split, String fileName, int columns, long rows) {
        return unverified(task.dataPath(split, fileName), new FileFormat.Tsv(task.hasHeader(split), columns), rows);
    }

    private static DataFile file(String path, FileFormat format, long rows) {
        return new DataFile(path, format, OptionalLong.of(rows), OptionalLong.empty(), sha256(path), OFFICIAL_SHA256.contains(path));
    }

    private static DataFile unverified(String path, FileFormat format, long rows) {
        return new DataFile(path, format, OptionalLong.empty(), OptionalLong.of(rows), sha256(path), OFFICIAL_SHA256.contains(path));
    }

    private static DataFile unknown(String path, FileFormat format) {
        return new DataFile(path, format, OptionalLong.empty(), OptionalLong.empty(), sha256(path), OFFICIAL_SHA256.contains(path));
    }

    private static Optional<String> sha256(String path) {
        return Optional.ofNullable(SHA256.get(path));
    }

    private static Map<String, String> loadSha256() {
        Map<String, String> sums = new HashMap<>();
        try (InputStream in = DatasetCatalog.class.getResourceAsStream("sha256sums.txt")) {
            if (in == null) {
                throw new IllegalStateException("sha256sums.txt is missing from the electra-bench jar");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] parts = line.split("\\s+", 2);
                    sums.put(parts[1].trim(), parts[0]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(sums);
    }
}
