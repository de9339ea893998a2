package io.github.rocketmqws.gateway.hardening;

import java.util.List;
import java.util.Random;

/** The generators' only source of chance: one seeded {@link Random}, so a seed replays the same flood. */
final class Dice {
    private final Random random;

    Dice(long seed) {
        this.random = new Random(seed);
    }

    /** An int in [low, high]. */
    int between(int low, int high) {
        return low + random.nextInt(high - low + 1);
    }

    /** True once in {@code n} throws. */
    boolean oneIn(int n) {
        return random.nextInt(n) == 0;
    }

    @SafeVarargs
    final <T> T pick(T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
