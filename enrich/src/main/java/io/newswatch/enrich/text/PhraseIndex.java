package io.newswatch.enrich.text;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * Values (places, actors, cue terms) indexed by the folded phrases that name them, and
 * found in a text in one left-to-right pass, longest phrase first. Immutable once built,
 * so one index serves every thread.
 *
 * <p>Why a trie over word ids: a text position is matched by following edges word by word,
 * with no string built; a word that is in no phrase costs one lookup ({@link WordIds}). Before
 * that, a bit set of the first words' hashes (computed with the tokens) turns away most
 * positions at the cost of an array read. Edges
 * live in one {@link LongIntTable} keyed by (node, word), so 800,000 names take tens of
 * megabytes, not a map per node.
 */
public final class PhraseIndex<T> {
  /** Longer names are not indexed; no place or actor needs more words. */
  public static final int MAX_TOKENS = 5;

  private final long[] firstWords;
  private final WordIds wordIds;
  private final Edges edges;
  private final List<List<T>> valuesByNode;

  private PhraseIndex(long[] firstWords, WordIds wordIds, Edges edges, List<List<T>> valuesByNode) {
    this.firstWords = firstWords;
    this.wordIds = wordIds;
    this.edges = edges;
    this.valuesByNode = valuesByNode;
  }

  /** A phrase found in a text: tokens {@code [from, to)} and the values it names. */
  public record Match<T>(int from, int to, List<T> values) {}

  /** The folded phrase {@code name} is indexed under, or null for names of no or too many words. */
  public static String key(String name) {
    Tokens tokens = Tokens.of(name);
    return tokens.size() > 0 && tokens.size() <= MAX_TOKENS ? tokens.phrase() : null;
  }

  /** The values a name stands for, best first (in the builder's order), or none. */
  public List<T> get(String name) {
    Tokens tokens = Tokens.of(name);
    int node = 0;
    for (int i = 0; i < tokens.size() && node >= 0; i++) {
      node = edges.child(node, wordIds.get(tokens.hash(i)));
    }
    List<T> values = node > 0 ? valuesByNode.get(node) : null;
    return values == null ? List.of() : values;
  }

  /** Which words a match may start at. */
  public enum Start {
    ANY_WORD, CAPITALISED, LOWER_CASE;

    boolean admits(Tokens tokens, int i) {
      return this == ANY_WORD || tokens.capitalised(i) == (this == CAPITALISED);
    }
  }

  /**
   * Non-overlapping matches, left to right, each starting at a word {@code start} admits; at
   * each position the longest phrase that {@code accept} takes wins, so a rejected long match
   * still lets a shorter one through.
   */
  public List<Match<T>> findAll(Tokens tokens, Start start, Predicate<Match<T>> accept) {
    List<Match<T>> matches = new ArrayList<>();
    int[] ends = new int[MAX_TOKENS];
    int[] endNodes = new int[MAX_TOKENS];
    int i = 0;
    while (i < tokens.size()) {
      int found = 0;
      int node = 0;
      boolean starts = start.admits(tokens, i) && mayStart(tokens.hash(i));
      // Words are looked up only here, behind the first-word test: most never are.
      for (int j = i; starts && j < tokens.size() && j - i < MAX_TOKENS; j++) {
        node = edges.child(node, wordIds.get(tokens.hash(j)));
        if (node < 0) {
          break;
        }
        if (valuesByNode.get(node) != null) {
          ends[found] = j + 1;
          endNodes[found++] = node;
        }
      }
      Match<T> match = null;
      for (int k = found - 1; k >= 0 && match == null; k--) {
        Match<T> candidate = new Match<>(i, ends[k], valuesByNode.get(endNodes[k]));
        match = accept.test(candidate) ? candidate : null;
      }
      if (match == null) {
        i++;
      } else {
        matches.add(match);
        i = match.to();
      }
    }
    return matches;
  }

  /** The high bits of the word's hash: {@link WordIds} probes by the low ones. */
  private boolean mayStart(long wordHash) {
    int bit = (int) (wordHash >>> 32) & (firstWords.length * 64 - 1);
    return (firstWords[bit >>> 6] & 1L << bit) != 0;
  }

  public static <T> Builder<T> builder() {
    return new Builder<>();
  }

  /**
   * Collects names; a value added twice under one phrase is kept once. Names go straight into
   * the trie: a map of 800,000 phrase strings held until the end made loading the gazetteer
   * mostly garbage collection.
   */
  public static final class Builder<T> {
    private final WordIds wordIds = new WordIds();
    private final Edges edges = new Edges(1024);
    private final List<List<T>> valuesByNode = new ArrayList<>();
    private final List<Long> firstWordHashes = new ArrayList<>();

    private Builder() {
      valuesByNode.add(null); // the root
    }

    /** Indexes {@code value} under {@code name}; names of no or too many words are skipped. */
    public Builder<T> add(String name, T value) {
      return addKey(key(name), value);
    }

    /**
     * Indexes {@code value} under a {@link #key}; a null key is skipped, and so is the value
     * just added under the same key again (two spellings of one name that fold alike). Only
     * that one is compared, by identity: a name shared by a hundred villages would otherwise
     * cost a search of the list, with a record's equals, per village.
     */
    public Builder<T> addKey(String key, T value) {
      if (key == null) {
        return this;
      }
      int node = 0;
      long hash = Hash64.START;
      for (int i = 0; i <= key.length(); i++) {
        if (i < key.length() && key.charAt(i) != ' ') {
          hash = Hash64.add(hash, key.charAt(i));
          continue;
        }
        long wordHash = Hash64.finish(hash);
        int wordId = wordIds.add(wordHash);
        int child = edges.child(node, wordId);
        if (child < 0) {
          child = valuesByNode.size();
          valuesByNode.add(null);
          edges.put(node, wordId, child);
          if (node == 0) {
            firstWordHashes.add(wordHash);
          }
        }
        node = child;
        hash = Hash64.START;
      }
      List<T> values = valuesByNode.get(node);
      if (values == null) {
        valuesByNode.set(node, values = new ArrayList<>(1));
      }
      if (values.isEmpty() || values.get(values.size() - 1) != value) {
        values.add(value);
      }
      return this;
    }

    /** The index, each phrase's values sorted by {@code order}; a builder builds once. */
    public PhraseIndex<T> build(Comparator<? super T> order) {
      int phrases = 0;
      for (int node = 0; node < valuesByNode.size(); node++) {
        List<T> values = valuesByNode.get(node);
        if (values != null) {
          values.sort(order);
          valuesByNode.set(node, List.copyOf(values));
          phrases++;
        }
      }
      // About 16 bits per phrase: few false "may start"s, and it stays in the processor's cache.
      long[] firstWordBits = new long[Math.max(1, Integer.highestOneBit(Math.max(1, phrases / 4)))];
      for (long hash : firstWordHashes) {
        int bit = (int) (hash >>> 32) & (firstWordBits.length * 64 - 1);
        firstWordBits[bit >>> 6] |= 1L << bit;
      }
      return new PhraseIndex<>(firstWordBits, wordIds, edges, valuesByNode);
    }
  }

  /** The trie's edges: (node, word id) to child node. */
  private static final class Edges {
    private final LongIntTable children;

    Edges(int expected) {
      children = new LongIntTable(expected);
    }

    /** The child of {@code node} along {@code word}, or -1 (also for a word id of -1). */
    int child(int node, int word) {
      return word < 0 ? -1 : children.get(key(node, word));
    }

    /** Adds an edge that is not there yet. */
    void put(int node, int word, int child) {
      children.putNew(key(node, word), child);
    }

    private static long key(int node, int word) {
      return (long) node << 32 | word;
    }
  }
}
