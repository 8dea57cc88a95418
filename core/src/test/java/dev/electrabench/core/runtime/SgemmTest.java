package dev.electrabench.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SgemmTest {
    @Test
    void gflopsCountsTwoFlopsPerMultiplyAdd() {
        // 1024³ = 1,073,741,824 multiply-adds = 2,147,483,648 flops; in 10 ms: 214.7483648 GFLOP/s
        assertEquals(214.7483648, Sgemm.gflops(1024, 0.01), 1e-9);
        // 3³ = 27 multiply-adds = 54 flops in 1 µs: 54e6 flop/s = 0.054 GFLOP/s
        assertEquals(0.054, Sgemm.gflops(3, 1e-6), 1e-12);
    }

    @ParameterizedTest
    @EnumSource(Sgemm.Route.class)
    void measuresACorrectProduct(Sgemm.Route route) {
        Sgemm.Result r = Sgemm.measure(256, 1, 2, route);
        assertEquals(256, r.n());
        assertTrue(r.bestSeconds() > 0 && r.gflops() > 0 && Double.isFinite(r.gflops()), r.toString());
        assertEquals(Sgemm.gflops(256, r.bestSeconds()), r.gflops(), 1e-9 * r.gflops());
        // float32 accumulation over 256 terms: relative error of order 1e-7, a wrong kernel gives ~1
        assertTrue(r.maxRelativeError() < 1e-5, r.toString());
        assertTrue(r.toString().startsWith("sgemm 256x256x256 float32: "), r.toString());
    }

    @Test
    void rejectsNonsenseArguments() {
        assertThrows(IllegalArgumentException.class, () -> Sgemm.measure(0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> Sgemm.measure(8, 1, 0));
    }
}
