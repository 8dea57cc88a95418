package dev.electrabench.core.model;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.imports.converters.DifferentialFunctionClassHolder;
import org.nd4j.linalg.api.ops.impl.shape.Gather;

/**
 * Row lookup {@code table[indices]} along axis 0 whose gradient is a scatter-ADD into the table.
 *
 * <p>M2.1's {@code Gather.doDiff} assigns instead of adding, so a token that occurs twice in a batch
 * gets the gradient of only one occurrence (and two differentiated gathers throw "Unable to replace
 * samediff namespace"). SameDiff clones ops through FlatBuffers by op hash when it builds the gradient
 * function, so this subclass is registered for gather's hash: every axis-0 gather becomes this one.
 */
public final class EmbeddingGather extends Gather {
    private static volatile boolean registered;

    public EmbeddingGather() {}

    private EmbeddingGather(SameDiff sd, SDVariable table, SDVariable indices) {
        super(sd, table, indices, 0, false);
    }

    /** {@code table[indices]}: shape = indices.shape + table.shape[1:]. */
    public static SDVariable lookup(SameDiff sd, String name, SDVariable table, SDVariable indices) {
        register();
        SDVariable out = new EmbeddingGather(sd, table, indices).outputVariable();
        return name == null ? out : out.rename(name);
    }

    @Override
    public List<SDVariable> doDiff(List<SDVariable> grads) {
        if (jaxis != 0) {
            return super.doDiff(grads);
        }
        SDVariable table = arg(0);
        SDVariable indices = arg(1);
        SDVariable width = sameDiff.sizeAt(table, 1).reshape(1).castTo(org.nd4j.linalg.api.buffer.DataType.LONG);
        SDVariable rows = sameDiff.constant(org.nd4j.linalg.factory.Nd4j.createFromArray(-1L));
        SDVariable flatGrad = sameDiff.reshape(grads.get(0), sameDiff.concat(0, rows, width));
        SDVariable flatIdx = sameDiff.reshape(indices, -1);
        // d table = sum of the output-gradient rows per index. unsortedSegmentSum rather than scatterAdd: the
        // multithreaded scatter-add sums duplicates in a varying order, so two identical runs drift apart
        long tableRows = table.getShape() != null ? table.getShape()[0] : -1;
        SDVariable tableGrad = tableRows > 0
                ? sameDiff.unsortedSegmentSum(flatGrad, flatIdx, (int) tableRows)
                : sameDiff.scatterAdd(sameDiff.zerosLike(table), flatIdx, flatGrad);
        return Arrays.asList(tableGrad, sameDiff.zerosLike(indices));
    }

    /** Make SameDiff's clone-by-hash produce this class for every gather op. Idempotent. */
    @SuppressWarnings("unchecked")
    static synchronized void register() {
        if (registered) {
            return;
        }
        try {
            DifferentialFunctionClassHolder holder = DifferentialFunctionClassHolder.getInstance();
            long hash = new Gather().opHash();
            Field single = DifferentialFunctionClassHolder.class.getDeclaredField("customOpHashToClass");
            single.setAccessible(true);
            Map<Long, Class<?>> byHash = (Map<Long, Class<?>>) single.get(holder);
            byHash.put(hash, EmbeddingGather.class);
            Field multi = DifferentialFunctionClassHolder.class.getDeclaredField("customOpHashToClasses");
            multi.setAccessible(true);
            Map<Long, Map<String, Class<?>>> byHashAndName = (Map<Long, Map<String, Class<?>>>) multi.get(holder);
            Map<String, Class<?>> names = byHashAndName.get(hash);
            if (names != null) {
                names.replaceAll((n, c) -> c == Gather.class ? EmbeddingGather.class : c);
            }
            registered = true;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot register EmbeddingGather with SameDiff", e);
        }
    }
}
