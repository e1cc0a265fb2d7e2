package io.newswatch.enrich.text;

import java.util.Arrays;
import java.util.Map;

/**
 * Word ids by the 64-bit hash of the word ({@link #hash}), in one array of (hash, id) pairs
 * with linear probing: a lookup costs one cache miss in a table of 300,000 words, where a
 * {@code HashMap<String, Integer>} costs three (table, node, key). Two words whose 64-bit
 * hashes collide would share an id; among a few hundred thousand words the chance is about
 * one in ten billion.
 */
final class WordIds {
  private final long[] table;
  private final int mask;

  WordIds(Map<String, Integer> ids) {
    int capacity = Integer.highestOneBit(Math.max(8, ids.size() * 2 - 1)) << 1;
    table = new long[2 * capacity];
    mask = capacity - 1;
    Arrays.fill(table, -1);
    ids.forEach((word, id) -> {
      long hash = hash(word);
      int slot = slot(hash);
      while (table[2 * slot + 1] >= 0) {
        slot = (slot + 1) & mask;
      }
      table[2 * slot] = hash;
      table[2 * slot + 1] = id;
    });
  }

  /** The id of the word with this {@link #hash}, or -1. */
  int get(long hash) {
    for (int slot = slot(hash); ; slot = (slot + 1) & mask) {
      long id = table[2 * slot + 1];
      if (id < 0 || table[2 * slot] == hash) {
        return (int) id;
      }
    }
  }

  static long hash(String word) {
    return Hash64.of(word);
  }

  private int slot(long hash) {
    return (int) hash & mask;
  }
}
