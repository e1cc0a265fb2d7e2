package io.newswatch.enrich.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LongIntTableTest {
  /** Grown many times over, every entry is still found, and no key that was never put is. */
  @Test
  void findsEveryKeyPutThroughItsGrowthAndNoOther() {
    LongIntTable table = new LongIntTable(1);
    long[] keys = new SplittableRandom(7).longs(100_000).toArray();
    for (int i = 0; i < keys.length; i++) {
      table.putNew(keys[i], i);
    }

    assertThat(table.size()).isEqualTo(keys.length);
    for (int i = 0; i < keys.length; i++) {
      assertThat(table.get(keys[i])).isEqualTo(i);
    }
    new SplittableRandom(8).longs(10_000).forEach(absent -> assertThat(table.get(absent)).isEqualTo(-1));
  }

  /** Keys that differ only in a few bits (a trie's node and word) and -1, a hash like any other. */
  @Test
  void takesAnyLongAsAKey() {
    LongIntTable table = new LongIntTable(16);
    table.putNew(-1, 7);
    for (int node = 0; node < 64; node++) {
      table.putNew((long) node << 32 | 3, node);
    }

    assertThat(table.get(-1)).isEqualTo(7);
    assertThat(table.get(5L << 32 | 3)).isEqualTo(5);
    assertThat(table.get(5L << 32 | 4)).isEqualTo(-1);
  }
}
