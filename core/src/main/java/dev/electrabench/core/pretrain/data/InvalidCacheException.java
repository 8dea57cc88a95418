package dev.electrabench.core.pretrain.data;

import java.io.IOException;

/** A cache entry that is incomplete or damaged; {@link ShardCache} deletes and rebuilds it. */
final class InvalidCacheException extends IOException {
    InvalidCacheException(String message) {
        super(message);
    }
}
