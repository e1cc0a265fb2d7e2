package io.newswatch.enrich.text;

import java.util.Arrays;

/**
 * Word ids by the 64-bit {@link Hash64} of the word, in one array of (hash, id) pairs with
 * linear probing: a lookup costs one cache miss in a table of 300,000 words, where a
 * {@code HashMap<String, Integer>} costs three (table, node, key), and adding a word builds
 * no string. Two words whose 64-bit hashes collide would share an id; among a few hundred
 * thousand words the chance is about one in ten billion.
 */
final class WordIds {
  private long[] table;
  private int mask;
  private int size;

  WordIds() {
    allocate(1024);
  }

  /** The id of the word with this hash, or -1. */
  int get(long hash) {
    for (int slot = slot(hash); ; slot = (slot + 1) & mask) {
      long id = table[2 * slot + 1];
      if (id < 0 || table[2 * slot] == hash) {
        return (int) id;
      }
    }
  }

  /** The id of the word with this hash, the next free one if it is new. */
  int add(long hash) {
    int id = get(hash);
    if (id >= 0) {
      return id;
    }
    if (2 * (size + 1) > mask + 1) {
      long[] old = table;
      allocate(2 * (mask + 1));
      for (int slot = 0; slot < old.length / 2; slot++) {
        if (old[2 * slot + 1] >= 0) {
          put(old[2 * slot], (int) old[2 * slot + 1]);
        }
      }
    }
    put(hash, size);
    return size++;
  }

  private void put(long hash, int id) {
    int slot = slot(hash);
    while (table[2 * slot + 1] >= 0) {
      slot = (slot + 1) & mask;
    }
    table[2 * slot] = hash;
    table[2 * slot + 1] = id;
  }

  private void allocate(int capacity) {
    table = new long[2 * capacity];
    mask = capacity - 1;
    Arrays.fill(table, -1);
  }

  private int slot(long hash) {
    return (int) hash & mask;
  }
}
