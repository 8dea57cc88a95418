package dev.electrabench.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.electrabench.core.UserException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The config reference cannot drift: it names exactly the accepted keys, and each range is the one enforced. */
class ConfigReferenceTest {
    private static final ObjectMapper SNAKE = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

    @Test
    void documentsExactlyTheKeysARunConfigAccepts() {
        assertEquals(RunConfig.keys().all(), ConfigReference.documentedKeys());
        assertEquals(ConfigReference.documentedKeys().size(), ConfigReference.runConfig().size(), "no key twice");
        ConfigReference.runConfig().forEach(e -> assertFalse(e.meaning().isBlank(), e.key()));
    }

    /** The problem {@code --set key=value} over the defaults gives, if any. */
    private static Optional<String> problem(String key, String value) {
        try {
            RunConfig.load(null, List.of(ConfigOverride.parse(key + "=" + value)));
            return Optional.empty();
        } catch (UserException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static String text(double v, boolean integer) {
        return integer ? Long.toString((long) v) : String.format(Locale.ROOT, "%.17g", v);
    }

    @Test
    void everyDocumentedRangeIsTheEnforcedOne() {
        JsonNode defaults = SNAKE.valueToTree(RunConfig.defaults());
        List<String> wrong = new ArrayList<>();
        int probed = 0;
        for (ConfigReference.Entry e : ConfigReference.runConfig()) {
            ConfigReference.Range r = e.range();
            if (!r.numeric()) {
                continue;
            }
            boolean integer = defaults.at("/" + e.key().replace('.', '/')).isIntegralNumber();
            String about = ": " + e.key() + ":"; // "--set k=v: k: problem" names the key it is about
            double step = integer ? 1 : 1e-9;
            // inside an open bound: halfway to the default (at a hair above 0, hidden_fraction leaves no generator,
            // a constraint between keys that the entry's meaning states)
            double dflt = defaults.at("/" + e.key().replace('.', '/')).asDouble();
            if (r.min() != null) {
                double outside = r.minIncluded() ? r.min() - step : r.min();
                double inside = r.minIncluded() ? r.min() : (r.min() + dflt) / 2;
                probed++;
                if (problem(e.key(), text(outside, integer)).filter(m -> m.contains(about)).isEmpty()) {
                    wrong.add(e.key() + " accepts " + text(outside, integer) + " (documented " + r.render() + ")");
                }
                problem(e.key(), text(inside, integer)).filter(m -> m.contains(about))
                        .ifPresent(m -> wrong.add(e.key() + " refuses " + text(inside, integer) + ": " + m));
            }
            if (r.max() != null) {
                double outside = r.maxIncluded() ? r.max() + step : r.max();
                double inside = r.maxIncluded() ? r.max() : (r.max() + dflt) / 2;
                probed++;
                if (problem(e.key(), text(outside, integer)).filter(m -> m.contains(about)).isEmpty()) {
                    wrong.add(e.key() + " accepts " + text(outside, integer) + " (documented " + r.render() + ")");
                }
                problem(e.key(), text(inside, integer)).filter(m -> m.contains(about))
                        .ifPresent(m -> wrong.add(e.key() + " refuses " + text(inside, integer) + ": " + m));
            }
        }
        assertEquals(List.of(), wrong);
        assertTrue(probed > 40, "bounds probed: " + probed);
        // choices too
        assertTrue(problem("finetune.padding", "both").orElseThrow().contains("longest or max_length"));
        assertTrue(problem("finetune.padding", "max_length").isEmpty());
    }

    @Test
    void defaultsComeFromTheCode() {
        var d = ConfigReference.runConfigDefaults();
        assertEquals(Long.toString(RunConfig.defaults().pretrain().maxSteps()), d.get("pretrain.max_steps"));
        assertEquals("5.0e-4", d.get("pretrain.learning_rate"));
        assertEquals("{default: 3, rte: 10, stsb: 10}", d.get("finetune.epochs"));
        assertEquals("0 (derive: 19 at the defaults)", d.get("pretrain.max_predictions_per_seq"));
    }
}
