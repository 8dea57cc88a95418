package dev.electrabench.core.pretrain.data;

import dev.electrabench.core.text.Token;
import dev.electrabench.core.text.Tokenizer;
import java.util.List;

/** The real tokenizer, counting its calls (to prove a cache hit tokenizes nothing) and optionally failing (a crash). */
final class CountingTokenizer implements Tokenizer {
    private final Tokenizer real;
    private final long failAfter;
    long calls;

    CountingTokenizer(Tokenizer real) {
        this(real, Long.MAX_VALUE);
    }

    CountingTokenizer(Tokenizer real, long failAfter) {
        this.real = real;
        this.failAfter = failAfter;
    }

    @Override
    public List<Token> tokenize(String text) {
        if (++calls > failAfter) {
            throw new IllegalStateException("simulated crash during tokenization");
        }
        return real.tokenize(text);
    }

    @Override
    public int[] ids(String text) {
        if (++calls > failAfter) {
            throw new IllegalStateException("simulated crash during tokenization");
        }
        return real.ids(text);
    }
}
