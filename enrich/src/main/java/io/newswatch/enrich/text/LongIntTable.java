package io.newswatch.enrich.text;

import java.util.Arrays;

/**
 * A map from {@code long} keys to non-negative {@code int} values, for the tagger's tables of
 * hundreds of thousands of entries ({@link WordIds}, the trie's edges in {@link PhraseIndex}):
 * open addressing with linear probing in one array of (key, value) pairs, so a lookup reads one
 * place, where a {@code HashMap<Long, Integer>} reads the table, a node and two boxes. A slot
 * whose value is negative is empty, so every key, -1 included, can be stored. At most half
 * full: it doubles before it would be more.
 *
 * <p>Not thread-safe while written; once built, any number of threads may read it.
 */
final class LongIntTable {
  private static final long EMPTY = -1;
  /** Pairs: {@code table[2 * slot]} the key, {@code table[2 * slot + 1]} the value or {@link #EMPTY}. */
  private long[] table;
  private int mask;
  private int size;

  /** A table that holds {@code expected} entries before it first grows. */
  LongIntTable(int expected) {
    allocate(Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1);
  }

  /** The value under {@code key}, or -1. */
  int get(long key) {
    for (int slot = slot(key); ; slot = (slot + 1) & mask) {
      long value = table[2 * slot + 1];
      if (value == EMPTY || table[2 * slot] == key) {
        return (int) value;
      }
    }
  }

  /** Puts {@code value} (0 or more) under {@code key}, which must not be in the table yet. */
  void putNew(long key, int value) {
    if (value < 0) {
      throw new IllegalArgumentException("values are 0 or more: " + value);
    }
    if (2 * (size + 1) > mask + 1) {
      long[] old = table;
      allocate(2 * (mask + 1));
      for (int slot = 0; slot < old.length / 2; slot++) {
        if (old[2 * slot + 1] != EMPTY) {
          place(old[2 * slot], (int) old[2 * slot + 1]);
        }
      }
    }
    place(key, value);
    size++;
  }

  int size() {
    return size;
  }

  private void place(long key, int value) {
    int slot = slot(key);
    while (table[2 * slot + 1] != EMPTY) {
      slot = (slot + 1) & mask;
    }
    table[2 * slot] = key;
    table[2 * slot + 1] = value;
  }

  private void allocate(int capacity) {
    table = new long[2 * capacity];
    mask = capacity - 1;
    Arrays.fill(table, EMPTY);
  }

  /** Keys made of two ints (a trie's node and word) differ in few bits: mixed before they pick a slot. */
  private int slot(long key) {
    long mixed = key * 0x9E3779B97F4A7C15L;
    return (int) (mixed ^ mixed >>> 32) & mask;
  }
}
