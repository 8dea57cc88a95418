package dev.electrabench.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.electrabench.core.config.TransformerConfig;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** The extractive-QA and STS-B regression losses against values worked out by hand. */
class FineTuningLossesTest {

    @Test
    void questionAnsweringLossIsTheMeanOfStartAndEndCrossEntropies() {
        // two rows, T = 3. Logits per position are (start, end).
        // row 0: start logits (0, 0, 0) → p = 1/3 each, gold start 2: −log(1/3) = ln 3
        //        end logits (0, ln 2, 0) → p = (1/4, 1/2, 1/4), gold end 1: −log(1/2) = ln 2
        // row 1: start logits (ln 3, 0, 0) → p = (3/5, 1/5, 1/5), gold start 0 ([CLS]): ln(5/3)
        //        end logits (0, 0, ln 2) → p = (1/4, 1/4, 1/2), gold end 0: ln 4
        // loss = (mean start CE + mean end CE) / 2 = ((ln 3 + ln 5/3)/2 + (ln 2 + ln 4)/2) / 2 = (ln 5 + ln 8) / 4
        double ln2 = Math.log(2);
        double ln3 = Math.log(3);
        float[][] logits = {
            {0, 0}, {0, (float) ln2}, {0, 0},
            {(float) ln3, 0}, {0, 0}, {0, (float) ln2}};
        SameDiff sd = SameDiff.create();
        SDVariable z = sd.constant(Nd4j.createFromArray(logits));
        SDVariable starts = sd.constant(Nd4j.createFromArray(2, 0));
        SDVariable ends = sd.constant(Nd4j.createFromArray(1, 0));
        double loss = Losses.questionAnswering(sd, z, starts, ends, 3).eval().getDouble(0);
        assertEquals((Math.log(5) + Math.log(8)) / 4, loss, 1e-6);
    }

    @Test
    void regressionLossComparesWithTheScoreOverFive() {
        // outputs (0.5, 0.2, 0.9), gold scores (5.0, 0.0, 4.0) → targets (1.0, 0.0, 0.8)
        // MSE = ((−0.5)² + 0.2² + 0.1²) / 3 = (0.25 + 0.04 + 0.01) / 3 = 0.1
        SameDiff sd = SameDiff.create();
        SDVariable out = sd.constant(Nd4j.createFromArray(new float[][] {{0.5f}, {0.2f}, {0.9f}}));
        SDVariable scores = sd.constant(Nd4j.createFromArray(5.0f, 0.0f, 4.0f));
        assertEquals(0.1, Losses.scaledRegression(sd, out, scores, 5.0).eval().getDouble(0), 1e-6);
    }

    @Test
    void regressionHeadIsASingleOutputClassifier() {
        // paper head (dropout + dense) with num_labels = 1: output = h[CLS] · w + b
        TransformerConfig c = new TransformerConfig();
        c.hiddenSize = 2;
        c.numLabels = 1;
        Parameters p = new Parameters();
        p.put("classifier.out_proj.weight", Nd4j.createFromArray(new float[][] {{2f, -1f}}));
        p.put("classifier.out_proj.bias", Nd4j.createFromArray(0.5f));
        assertEquals(1, Heads.sequenceClassificationSpecs(c, true).get(0).shape()[0]);
        SameDiff sd = SameDiff.create();
        // B = 1, T = 2; hidden rows [B·T, H]: the [CLS] row is (1, 3)
        SDVariable hidden = sd.constant(Nd4j.createFromArray(new float[][] {{1f, 3f}, {7f, 7f}}));
        TransformerEncoderGraph.Inputs in = new TransformerEncoderGraph.Inputs(
                sd.constant(Nd4j.zeros(DataType.INT, 1, 2)), null, null);
        double out = Heads.sequenceClassification(sd, p, c, hidden, in, true, false).eval().getDouble(0);
        assertEquals(2 * 1 - 1 * 3 + 0.5, out, 1e-6); // −0.5, i.e. a predicted score of −2.5 after × 5
    }
}
