package io.newswatch.enrich.text;

/**
 * Word ids by the 64-bit {@link Hash64} of the word, numbered as they are first added: a
 * lookup costs one probe of a {@link LongIntTable}, and adding a word builds no string. Two
 * words whose 64-bit hashes collide would share an id; among a few hundred thousand words the
 * chance is about one in ten billion.
 */
final class WordIds {
  private final LongIntTable ids = new LongIntTable(512);

  /** The id of the word with this hash, or -1. */
  int get(long hash) {
    return ids.get(hash);
  }

  /** The id of the word with this hash, the next free one if it is new. */
  int add(long hash) {
    int id = ids.get(hash);
    if (id >= 0) {
      return id;
    }
    id = ids.size();
    ids.putNew(hash, id);
    return id;
  }
}
