package dev.electrabench.core.pretrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsWindowTest {
    @Test
    void meansOverTheWindowLeaveOutNaN() {
        MetricsWindow w = new MetricsWindow();
        w.add(Map.of("loss", 3.0, "disc_auc", 0.5));
        w.add(Map.of("loss", 1.0, "disc_auc", Double.NaN));
        w.add(Map.of("loss", 2.0, "disc_auc", 0.8));
        assertEquals(2.0, w.means().get("loss"));
        assertEquals(0.65, w.means().get("disc_auc"), 1e-15);
        w.clear();
        w.add(Map.of("disc_auc", Double.NaN));
        assertTrue(w.means().get("disc_auc").isNaN());
        assertEquals(1, w.means().size());
    }

    @Test
    void sumsSurviveAJsonRoundTripBitForBit() throws Exception {
        MetricsWindow w = new MetricsWindow();
        w.add(Map.of("mlm_loss", 0.1 + 0.2, "mlm_accuracy", 1.0 / 3));
        ObjectMapper json = new ObjectMapper();
        String saved = json.writeValueAsString(w.toJson());
        MetricsWindow resumed = new MetricsWindow();
        resumed.add(Map.of("mlm_loss", 99.0)); // replaced, not added to
        resumed.restore(json.readTree(saved));
        w.add(Map.of("mlm_loss", 7.25, "mlm_accuracy", 2.0 / 7));
        resumed.add(Map.of("mlm_loss", 7.25, "mlm_accuracy", 2.0 / 7));
        assertEquals(w.means(), resumed.means());
        resumed.restore(null);
        assertTrue(resumed.means().isEmpty());
    }
}
