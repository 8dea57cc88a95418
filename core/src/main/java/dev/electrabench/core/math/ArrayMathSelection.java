package dev.electrabench.core.math;

/**
 * Picks the {@link ArrayMath} implementation. The Vector API class is loaded by name only when its module
 * is in the boot layer, so a JVM started without {@code --add-modules jdk.incubator.vector} never touches it.
 */
final class ArrayMathSelection {
    static final String VECTOR_MODULE = "jdk.incubator.vector";

    private ArrayMathSelection() {}

    static ArrayMath select() {
        if (!Boolean.getBoolean("electrabench.scalar") && ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent()) {
            try {
                return (ArrayMath) Class.forName("dev.electrabench.core.math.SimdArrayMath")
                        .getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                return new ScalarArrayMath();
            }
        }
        return new ScalarArrayMath();
    }
}
