package dev.electrabench.tasks.classification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.electrabench.core.UserException;
import dev.electrabench.tasks.Split;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Column layouts of the GLUE tasks we do not hold (MNLI, QQP, AX are not staged: SOURCES.md), on small
 * hand-written files with the official headers, and bad-input errors.
 */
class GlueLayoutTest {
    @TempDir
    Path dir;

    private Path write(String relative, String... lines) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void mnliOfficialDownloadLayout() throws IOException {
        String parses = "(p1)\t(p2)\t(P1)\t(P2)";
        write("glue_data/MNLI/train.tsv",
                "index\tpromptID\tpairID\tgenre\tsentence1_binary_parse\tsentence2_binary_parse\tsentence1_parse\tsentence2_parse\tsentence1\tsentence2\tlabel1\tgold_label",
                "0\t31193\t31193n\tgovernment\t" + parses + "\tPremise zero.\tHypothesis zero.\tneutral\tneutral");
        write("glue_data/MNLI/dev_matched.tsv",
                "index\tpromptID\tpairID\tgenre\tsentence1_binary_parse\tsentence2_binary_parse\tsentence1_parse\tsentence2_parse\tsentence1\tsentence2\tlabel1\tlabel2\tlabel3\tlabel4\tlabel5\tgold_label",
                "0\t63735\t63735n\tslate\t" + parses + "\tThe new rights are nice enough\tEveryone really likes the newest benefits \tneutral\tentailment\tneutral\tneutral\tneutral\tneutral",
                "1\t91383\t91383c\tgovernment\t" + parses + "\tThis site includes a list.\tThe Government Executive articles housed on the website are not able to be searched .\tcontradiction\tcontradiction\tcontradiction\tcontradiction\tcontradiction\tcontradiction");
        write("glue_data/MNLI/dev_mismatched.tsv",
                "index\tpromptID\tpairID\tgenre\tsentence1_binary_parse\tsentence2_binary_parse\tsentence1_parse\tsentence2_parse\tsentence1\tsentence2\tlabel1\tlabel2\tlabel3\tlabel4\tlabel5\tgold_label",
                "0\t75290\t75290c\tletters\t" + parses + "\tYour contribution helped.\tYour contributions were of no help.\tcontradiction\tcontradiction\tcontradiction\tcontradiction\tcontradiction\tcontradiction");
        write("glue_data/MNLI/test_matched.tsv",
                "index\tpromptID\tpairID\tgenre\tsentence1_binary_parse\tsentence2_binary_parse\tsentence1_parse\tsentence2_parse\tsentence1\tsentence2",
                "0\t31493\t31493\ttravel\t" + parses + "\tHierbas, ans seco.\tThe seco is sweet.");

        GlueExample train = GlueTasks.MNLI_MATCHED.examples(dir, Split.TRAIN).get(0);
        assertEquals("Premise zero.", train.textA());
        assertEquals("neutral", train.label());
        List<GlueExample> dev = GlueTasks.MNLI_MATCHED.examples(dir, Split.DEV);
        assertEquals(2, dev.size());
        assertEquals("The new rights are nice enough", dev.get(0).textA());
        assertEquals("Everyone really likes the newest benefits ", dev.get(0).textB());
        assertEquals("neutral", dev.get(0).label()); // gold_label (last), not label1
        assertEquals("contradiction", dev.get(1).label());
        assertEquals("Your contribution helped.", GlueTasks.MNLI_MISMATCHED.examples(dir, Split.DEV).get(0).textA());
        GlueExample test = GlueTasks.MNLI_MATCHED.examples(dir, Split.TEST).get(0);
        assertEquals("The seco is sweet.", test.textB());
        assertNull(test.label());
    }

    @Test
    void qqpAndAxLayouts() throws IOException {
        write("glue_data/QQP/dev.tsv", "id\tqid1\tqid2\tquestion1\tquestion2\tis_duplicate",
                "201359\t303345\t303346\tWhy are African-Americans so beautiful?\tWhy are hispanics so beautiful?\t0");
        write("glue_data/QQP/test.tsv", "id\tquestion1\tquestion2", "0\tWhat is a q1?\tWhat is a q2?");
        GlueExample qqp = GlueTasks.QQP.examples(dir, Split.DEV).get(0);
        assertEquals("Why are African-Americans so beautiful?", qqp.textA());
        assertEquals("Why are hispanics so beautiful?", qqp.textB());
        assertEquals("0", qqp.label());
        assertEquals("What is a q2?", GlueTasks.QQP.examples(dir, Split.TEST).get(0).textB());

        write("glue_data/diagnostic/diagnostic.tsv", "index\tsentence1\tsentence2",
                "0\tThe cat sat on the mat.\tThe cat did not sit on the mat.");
        write("glue_data/diagnostic/diagnostic-full.tsv",
                "Lexical Semantics\tPredicate-Argument Structure\tLogic\tKnowledge\tDomain\tPremise\tHypothesis\tLabel",
                "\t\tNegation\t\t\tThe cat sat on the mat.\tThe cat did not sit on the mat.\tcontradiction");
        assertEquals("The cat did not sit on the mat.", GlueTasks.AX.examples(dir, Split.TEST).get(0).textB());
        GlueExample labeled = GlueTasks.AX.examples(dir, Split.DEV).get(0);
        assertEquals("The cat sat on the mat.", labeled.textA());
        assertEquals("contradiction", labeled.label());
    }

    @Test
    void ourLayoutWinsOverTheOfficialOne() throws IOException {
        write("glue/WNLI/dev.tsv", "index\tsentence1\tsentence2\tlabel", "0\tours\tb\t1");
        write("glue_data/WNLI/dev.tsv", "index\tsentence1\tsentence2\tlabel", "0\tofficial\tb\t1");
        assertEquals("ours", GlueTasks.WNLI.examples(dir, Split.DEV).get(0).textA());
    }

    @Test
    void shortRowNamesFileAndLine() throws IOException {
        Path file = write("glue/RTE/dev.tsv", "index\tsentence1\tsentence2\tlabel", "0\ta\tb\tentailment", "1\tonly two");
        UserException e = assertThrows(UserException.class, () -> GlueTasks.RTE.examples(dir, Split.DEV));
        assertTrue(e.getMessage().startsWith(file + ":3: expected at least 4 tab-separated columns"), e.getMessage());
    }

    @Test
    void unknownLabelNamesFileAndLine() throws IOException {
        Path file = write("glue/CoLA/train.tsv", "gj04\t1\t\tGood sentence.", "gj04\tyes\t\tBad label.");
        UserException e = assertThrows(UserException.class, () -> GlueTasks.COLA.examples(dir, Split.TRAIN));
        assertEquals(file + ":2: unknown CoLA label 'yes' (expected one of 0, 1)", e.getMessage());
    }

    @Test
    void stsbScoreMustBeANumberInRange() throws IOException {
        String header = "index\tgenre\tfilename\tyear\told_index\tsource1\tsource2\tsentence1\tsentence2\tscore";
        Path file = write("glue/STS-B/dev.tsv", header, "0\tg\tf\ty\t0\tn\tn\ta\tb\t5.5");
        UserException e = assertThrows(UserException.class, () -> GlueTasks.STSB.examples(dir, Split.DEV));
        assertTrue(e.getMessage().startsWith(file + ":2: STS-B score '5.5'"), e.getMessage());
        write("glue/STS-B/dev.tsv", header, "0\tg\tf\ty\t0\tn\tn\ta\tb\tfive");
        assertThrows(UserException.class, () -> GlueTasks.STSB.examples(dir, Split.DEV));
    }

    @Test
    void invalidUtf8IsAUserError() throws IOException {
        Path file = dir.resolve("glue/SST-2/dev.tsv");
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[] {'s', '\t', 'l', '\n', (byte) 0xC3, '\t', '1', '\n'});
        UserException e = assertThrows(UserException.class, () -> GlueTasks.SST2.examples(dir, Split.DEV));
        assertEquals(file + ": not valid UTF-8", e.getMessage());
    }
}
