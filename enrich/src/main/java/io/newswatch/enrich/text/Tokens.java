package io.newswatch.enrich.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The words of a text, each with its folded key (see {@link Fold}), its character offsets in
 * the text and whether it was written capitalised. Doubled letters are collapsed in keys
 * (Donbass = Donbas) and a possessive {@code 's} is cut off (Putin's = Putin), the offsets
 * then ending before the apostrophe. Words written in Cyrillic are reduced to a stem
 * ({@link CyrillicStem}).
 */
public final class Tokens {
  private final String text;
  private final String[] keys;
  private final long[] hashes;
  private final int[] starts;
  private final int[] ends;
  private final boolean[] capitalised;

  private Tokens(String text, List<String> keys, int[] starts, int[] ends, boolean[] capitalised) {
    this.text = text;
    this.keys = keys.toArray(String[]::new);
    this.hashes = new long[this.keys.length];
    this.starts = Arrays.copyOf(starts, this.keys.length);
    this.ends = Arrays.copyOf(ends, this.keys.length);
    this.capitalised = Arrays.copyOf(capitalised, this.keys.length);
  }

  public static Tokens of(String text) {
    List<String> keys = new ArrayList<>();
    int capacity = text.length() / 2 + 1;
    int[] starts = new int[capacity];
    int[] ends = new int[capacity];
    boolean[] capitalised = new boolean[capacity];
    // The key being read, in a plain array: StringBuilder.append per character cost a third of the tagging.
    char[] key = new char[64];
    int keyLength = 0;
    int start = -1;
    int end = -1;
    int lastApostrophe = -1;
    int keyLengthAtApostrophe = 0;
    for (int i = 0; i <= text.length(); i++) {
      char single = i < text.length() ? Fold.single(text.charAt(i)) : Fold.SEPARATOR_CHAR;
      if (single == Fold.SEPARATOR_CHAR) {
        if (keyLength > 0) {
          boolean possessive = lastApostrophe == end - 2 && keyLengthAtApostrophe > 0
              && Fold.single(text.charAt(end - 1)) == 's';
          if (possessive) {
            keyLength = keyLengthAtApostrophe;
            end = lastApostrophe;
          }
          int n = keys.size();
          String word = new String(key, 0, keyLength);
          keys.add(isCyrillic(text.charAt(start)) ? CyrillicStem.of(word) : word);
          starts[n] = start;
          ends[n] = end;
          capitalised[n] = !Character.isLowerCase(text.charAt(start));
        }
        keyLength = 0;
        start = -1;
        lastApostrophe = -1;
        continue;
      }
      if (single == Fold.IGNORED_CHAR) {
        if (Fold.isApostrophe(text.charAt(i))) {
          lastApostrophe = i;
          keyLengthAtApostrophe = keyLength;
        }
        continue;
      }
      String folded = single == Fold.SEVERAL_CHARS ? Fold.of(text.charAt(i)) : null;
      for (int j = 0; j < (folded == null ? 1 : folded.length()); j++) {
        char c = folded == null ? single : folded.charAt(j);
        if (keyLength == 0 || key[keyLength - 1] != c || Character.isDigit(c)) {
          if (keyLength == key.length) {
            key = Arrays.copyOf(key, 2 * keyLength);
          }
          key[keyLength++] = c;
        }
      }
      start = start < 0 ? i : start;
      end = i + 1;
    }
    return new Tokens(text, keys, starts, ends, capitalised);
  }

  /** The Cyrillic block, by range: {@code Character.UnicodeBlock.of} costs a search per word. */
  private static boolean isCyrillic(char c) {
    return c >= '\u0400' && c <= '\u04ff';
  }

  public int size() {
    return keys.length;
  }

  public String key(int i) {
    return keys[i];
  }

  /** A 64-bit hash of the key, computed when first needed, once for every index that looks the word up. */
  long hash(int i) {
    if (hashes[i] == 0) {
      hashes[i] = WordIds.hash(keys[i]);
    }
    return hashes[i];
  }

  public int start(int i) {
    return starts[i];
  }

  public int end(int i) {
    return ends[i];
  }

  /** Whether the word was written with a possessive {@code 's}, cut off its key (Russia's). */
  public boolean possessive(int i) {
    return ends[i] < text.length() && Fold.isApostrophe(text.charAt(ends[i]));
  }

  public boolean capitalised(int i) {
    return capitalised[i];
  }

  /** The text of tokens {@code [from, to)} as written, punctuation between them included. */
  public String surface(int from, int to) {
    return text.substring(starts[from], ends[to - 1]);
  }

  /** The folded keys of tokens {@code [from, to)} joined by single spaces. */
  public String phrase(int from, int to) {
    return to - from == 1 ? keys[from] : String.join(" ", Arrays.asList(keys).subList(from, to));
  }

  /** The folded keys of all tokens: the form a name is indexed under. */
  public String phrase() {
    return phrase(0, size());
  }
}
