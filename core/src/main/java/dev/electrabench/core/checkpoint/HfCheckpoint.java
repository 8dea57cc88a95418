package dev.electrabench.core.checkpoint;

import dev.electrabench.core.UserException;
import dev.electrabench.core.config.TransformerConfig;
import dev.electrabench.core.io.AtomicFiles;
import dev.electrabench.core.model.Architecture;
import dev.electrabench.core.model.ParamSpec;
import dev.electrabench.core.model.Parameters;
import dev.electrabench.core.model.TransformerModel;
import dev.electrabench.core.text.Vocab;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * HF-format model folders: {@code config.json} + weights, as written by {@code save_pretrained}. We read
 * every weights layout the hub ships ({@link WeightFiles}: safetensors or {@code pytorch_model.bin}, whole
 * or sharded) and write {@code model.safetensors}. Our checkpoints use the same names and layout, so HF
 * transformers loads them unchanged and we load theirs (ElectraForPreTraining, ElectraForMaskedLM,
 * BertForMaskedLM, ElectraForSequenceClassification, ElectraForTokenClassification,
 * ElectraForQuestionAnswering).
 */
public final class HfCheckpoint {
    public static final String CONFIG = "config.json";
    public static final String WEIGHTS = "model.safetensors";

    private HfCheckpoint() {}

    /** Number of parameters of a folder's model (every tensor its architecture uses, heads included). */
    public static long parameterCount(Path dir) {
        return load(dir).parameters().count();
    }

    /** Loads a folder, dispatching on {@code architectures} in its config. */
    public static TransformerModel load(Path dir) {
        TransformerConfig config = readConfig(dir);
        Architecture arch = architectureOf(config, dir.resolve(CONFIG));
        Path weights = WeightFiles.find(dir);
        Map<String, TensorData> tensors = WeightFiles.read(dir);
        Parameters p = new Parameters();
        for (ParamSpec spec : arch.specs(config)) {
            p.put(spec.name(), toArray(weights, spec, lookup(tensors, arch, spec.name())));
        }
        return new TransformerModel(config, arch, p);
    }

    /**
     * Loads the encoder of a pre-trained (or fine-tuned) checkpoint under a possibly different target
     * architecture, e.g. a pre-trained discriminator for sequence classification: backbone tensors come
     * from the folder, head tensors the folder does not have (or has for another head) are freshly
     * initialised from {@code seed}.
     *
     * <p>Accepted sources: every ELECTRA architecture (the discriminator {@code ElectraForPreTraining}, the
     * generator or factorised BERT baseline {@code ElectraForMaskedLM}, fine-tuned folders) and
     * {@code BertForMaskedLM}. BERT's encoder is the same network as ELECTRA's with E == H, so its
     * {@code bert.*} backbone tensors are loaded under the {@code electra.*} names (no
     * {@code embeddings_project}) and the BERT baseline is fine-tuned with exactly the ELECTRA heads; the
     * resulting config states {@code embedding_size = hidden_size} because HF's ElectraConfig would
     * otherwise assume 128.
     */
    public static TransformerModel loadForFineTuning(Path dir, Architecture target, int numLabels, boolean paperHead, long seed) {
        TransformerConfig config = readConfig(dir);
        Architecture source = architectureOf(config, dir.resolve(CONFIG));
        return loadForFineTuning(dir, config, source, WeightFiles.read(dir), target, numLabels, paperHead, seed);
    }

    /**
     * {@link #loadForFineTuning(Path, Architecture, int, boolean, long)} with the head the checkpoint carries, as HF's
     * {@code AutoModelFor...} would build it: a folder that already holds this kind of head keeps its family and head
     * style (HF's ElectraClassificationHead, BERT's pooler); a BERT checkpoint that stores a pooler
     * ({@code bert.pooler.dense}, as {@code bert-base-uncased} does) is classified through it; everything else —
     * our pre-trained discriminators and BERT baselines — gets the ELECTRA paper's heads on the ELECTRA names.
     */
    public static TransformerModel loadForFineTuning(Path dir, Architecture.Head head, int numLabels, long seed) {
        TransformerConfig config = readConfig(dir);
        Architecture source = architectureOf(config, dir.resolve(CONFIG));
        Map<String, TensorData> tensors = WeightFiles.read(dir);
        Architecture target;
        boolean paperHead = false;
        if (source.head() == head) {
            target = source;
            paperHead = head == Architecture.Head.SEQUENCE_CLASSIFICATION && Architecture.paperHead(config);
        } else if (head == Architecture.Head.SEQUENCE_CLASSIFICATION && source.backbone().equals("bert")
                && tensors.containsKey("bert.pooler.dense.weight")) {
            target = Architecture.BERT_FOR_SEQUENCE_CLASSIFICATION;
        } else {
            target = Architecture.of("electra", head);
            paperHead = head == Architecture.Head.SEQUENCE_CLASSIFICATION;
        }
        return loadForFineTuning(dir, config, source, tensors, target, numLabels, paperHead, seed);
    }

    private static TransformerModel loadForFineTuning(Path dir, TransformerConfig config, Architecture source,
                                                      Map<String, TensorData> tensors, Architecture target, int numLabels,
                                                      boolean paperHead, long seed) {
        boolean bertToElectra = source.backbone().equals("bert") && target.backbone().equals("electra");
        if (!source.backbone().equals(target.backbone()) && !bertToElectra) {
            throw UserException.in(dir.resolve(CONFIG), source.hfName() + " cannot be fine-tuned as " + target.hfName());
        }
        TransformerConfig c = config.copy();
        c.architectures = List.of(target.hfName());
        c.modelType = target.modelType();
        if (bertToElectra) {
            c.embeddingSize = c.embeddingSize();
        }
        c.numLabels = numLabels;
        c.otherFields().remove("id2label");
        c.otherFields().remove("label2id");
        if (paperHead) {
            c.otherFields().put(Architecture.PAPER_HEAD_KEY, true);
        }
        Path weights = WeightFiles.find(dir);
        List<ParamSpec> heads = target.headSpecs(c);
        Set<String> headNames = heads.stream().map(ParamSpec::name).collect(Collectors.toSet());
        Parameters fresh = Parameters.initialize(heads, c.initializerRange, seed, Nd4j.defaultFloatingPointType());
        Parameters p = new Parameters();
        String targetPrefix = target.backbone() + ".";
        for (ParamSpec spec : target.specs(c)) {
            TensorData present = tensors.get(spec.name());
            // a head is kept only from a folder of the same architecture and label count; BERT's pooler
            // (named in the backbone) from any BERT folder that stores it
            boolean keep = present != null && Arrays.equals(present.shape(), spec.shape())
                    && (source == target || spec.name().startsWith(source.backbone() + "."));
            if (headNames.contains(spec.name()) && !keep) {
                p.put(spec.name(), fresh.get(spec.name()));
            } else {
                String stored = bertToElectra && spec.name().startsWith(targetPrefix)
                        ? source.backbone() + "." + spec.name().substring(targetPrefix.length()) : spec.name();
                TensorData t = lookup(tensors, source, stored);
                p.put(spec.name(), toArray(weights, new ParamSpec(stored, spec.shape(), spec.init()), t));
            }
        }
        return new TransformerModel(c, target, p);
    }

    /** Writes config + weights into {@code dir} atomically (a temp folder renamed into place). */
    public static void save(TransformerModel model, Path dir) {
        save(model, dir, null);
    }

    /**
     * Writes a complete HF folder atomically: config + weights and, when {@code vocab} is given, the tokenizer
     * files ({@link TokenizerFiles}), so that HF's AutoTokenizer and pipelines load it unchanged.
     */
    public static void save(TransformerModel model, Path dir, Vocab vocab) {
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> e : model.parameters().asMap().entrySet()) {
            tensors.put(e.getKey(), toTensor(e.getKey(), e.getValue()));
        }
        TransformerConfig config = model.config().copy();
        config.architectures = List.of(model.architecture().hfName());
        config.modelType = model.architecture().modelType();
        writeFolder(dir, tmp -> {
            config.write(tmp.resolve(CONFIG));
            Safetensors.write(tmp.resolve(WEIGHTS), tensors);
            if (vocab != null) {
                TokenizerFiles.write(tmp, vocab, config.modelType, config.maxPositionEmbeddings);
            }
        });
    }

    /** Writes a folder from raw tensors (used for ELECTRA's generator, which shares the discriminator's embeddings). */
    public static void saveFolder(Path dir, TransformerConfig config, Map<String, TensorData> tensors) {
        writeFolder(dir, tmp -> {
            config.write(tmp.resolve(CONFIG));
            Safetensors.write(tmp.resolve(WEIGHTS), tensors);
        });
    }

    /**
     * Writes {@code out} as a safetensors folder from any folder we read ({@link WeightFiles}): every tensor
     * of its weights as float32, except tied copies HF does not store (a name the architecture ties to
     * another, holding the same values); config.json and tokenizer files copied unchanged.
     *
     * @return the weights file that was read
     */
    public static Path convert(Path dir, Path out) {
        TransformerConfig config = readConfig(dir);
        Architecture arch = architectureOf(config, dir.resolve(CONFIG));
        Path source = WeightFiles.find(dir);
        LinkedHashMap<String, TensorData> tensors = WeightFiles.read(dir);
        arch.tiedWeights().forEach((tied, target) -> {
            TensorData copy = tensors.get(tied);
            TensorData original = tensors.get(target);
            if (copy != null && original != null && Arrays.equals(copy.shape(), original.shape())
                    && Arrays.equals(copy.values(), original.values())) {
                tensors.remove(tied);
            }
        });
        writeFolder(out, tmp -> {
            Files.copy(dir.resolve(CONFIG), tmp.resolve(CONFIG));
            Safetensors.write(tmp.resolve(WEIGHTS), tensors, Map.of());
            for (String name : TokenizerFiles.NAMES) {
                if (Files.isRegularFile(dir.resolve(name))) {
                    Files.copy(dir.resolve(name), tmp.resolve(name));
                }
            }
        });
        return source;
    }

    /** Fills a folder's content into an empty directory. */
    @FunctionalInterface
    interface FolderContent {
        void writeInto(Path dir) throws IOException;
    }

    /** Writes a folder atomically: filled as a hidden temp sibling, then renamed into place over any old one. */
    static void writeFolder(Path dir, FolderContent content) {
        Path abs = dir.toAbsolutePath();
        Path tmp = abs.resolveSibling("." + abs.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        try {
            AtomicFiles.deleteRecursively(tmp);
            Files.createDirectories(tmp);
            content.writeInto(tmp);
            Path old = null;
            if (Files.exists(abs)) {
                old = abs.resolveSibling("." + abs.getFileName() + ".old-" + ProcessHandle.current().pid());
                AtomicFiles.deleteRecursively(old);
                AtomicFiles.moveAtomically(abs, old);
            }
            AtomicFiles.moveAtomically(tmp, abs);
            if (old != null) {
                AtomicFiles.deleteRecursively(old);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + dir + ": " + e.getMessage(), e);
        }
    }

    public static TensorData toTensor(String name, INDArray array) {
        INDArray f = array.castTo(DataType.FLOAT).dup('c');
        return new TensorData(name, f.shape(), f.data().asFloat());
    }

    public static TransformerConfig readConfig(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw UserException.in(dir, "model folder not found");
        }
        return TransformerConfig.read(dir.resolve(CONFIG));
    }

    static Architecture architectureOf(TransformerConfig config, Path configFile) {
        String name = config.architecture();
        if (name == null) {
            throw UserException.in(configFile, "no \"architectures\" entry; expected one of " + Architecture.knownNames());
        }
        Architecture arch = Architecture.fromHfName(name);
        if (arch == null) {
            throw UserException.in(configFile, "unknown architecture '" + name + "'; expected one of " + Architecture.knownNames());
        }
        return arch;
    }

    private static TensorData lookup(Map<String, TensorData> tensors, Architecture arch, String name) {
        TensorData t = tensors.get(name);
        if (t == null) {
            // tied weights HF does not store resolve to the tensor they are tied to
            String tiedTo = arch.tiedWeights().get(name);
            if (tiedTo != null) {
                t = tensors.get(tiedTo);
            }
        }
        return t;
    }

    private static INDArray toArray(Path weights, ParamSpec spec, TensorData t) {
        if (t == null) {
            throw UserException.in(weights, "missing tensor " + spec.name() + " " + Arrays.toString(spec.shape()));
        }
        if (!Arrays.equals(t.shape(), spec.shape())) {
            throw UserException.in(weights, "tensor " + spec.name() + " has shape " + Arrays.toString(t.shape())
                    + ", config.json implies " + Arrays.toString(spec.shape()));
        }
        return Nd4j.create(t.values(), spec.shape(), 'c').castTo(Nd4j.defaultFloatingPointType());
    }
}
