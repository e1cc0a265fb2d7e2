package io.newswatch.enrich.text;

import java.util.Arrays;

/**
 * The words of a text, each with its folded key (see {@link Fold}), its character offsets in
 * the text and whether it was written capitalised. Doubled letters are collapsed in keys
 * (Donbass = Donbas) and a possessive {@code 's} is cut off (Putin's = Putin), the offsets
 * then ending before the apostrophe. Words written in Cyrillic are reduced to a stem
 * ({@link CyrillicStem}).
 */
public final class Tokens {
  private final String text;
  /** The folded keys of all words, one after another; {@code keyStarts[i]..keyStarts[i+1]} is word i's. */
  private final char[] folded;
  private final int[] keyStarts;
  /** Keys as strings, made when first asked for: most words are only ever looked up by hash. */
  private final String[] keys;
  private final long[] hashes;
  private final int[] starts;
  private final int[] ends;
  private final boolean[] capitalised;
  /** The number of words: the arrays may be longer (copying them to size cost more than it saved). */
  private final int size;

  private Tokens(String text, char[] folded, int[] keyStarts, long[] hashes, int[] starts, int[] ends,
      boolean[] capitalised, int size) {
    this.text = text;
    this.folded = folded;
    this.keyStarts = keyStarts;
    this.keys = new String[size];
    this.hashes = hashes;
    this.starts = starts;
    this.ends = ends;
    this.capitalised = capitalised;
    this.size = size;
  }

  public static Tokens of(String text) {
    // News runs about six characters a word; the arrays grow for texts of shorter words.
    int capacity = text.length() / 6 + 16;
    long[] hashes = new long[capacity];
    int[] starts = new int[capacity];
    int[] ends = new int[capacity];
    int[] keyStarts = new int[capacity + 1];
    boolean[] capitalised = new boolean[capacity];
    // Every key in one plain array, no string per word: most words are never looked up by string.
    char[] folded = new char[text.length() + 16];
    int n = 0;
    int length = 0;
    // The key's hash, kept up as it is read, so that no second pass over the key is needed.
    long hash = Hash64.START;
    int start = -1;
    int end = -1;
    int lastApostrophe = -1;
    int lengthAtApostrophe = 0;
    long hashAtApostrophe = Hash64.START;
    // Read from a copy: String.charAt checks the string's encoding on every call.
    char[] chars = text.toCharArray();
    int keyStart = 0;
    for (int i = 0; i <= chars.length; i++) {
      char single = i < chars.length ? Fold.single(chars[i]) : Fold.SEPARATOR_CHAR;
      if (single > Fold.SEVERAL_CHARS) {
        // Most characters fold to one. Doubled letters collapse (Donbass, Donbas), digits do not.
        if (length == keyStart || folded[length - 1] != single || Character.isDigit(single)) {
          folded[length++] = single;
          hash = Hash64.add(hash, single);
        }
        start = start < 0 ? i : start;
        end = i + 1;
        continue;
      }
      if (single == Fold.SEPARATOR_CHAR) {
        if (length > keyStart) {
          boolean possessive = lastApostrophe == end - 2 && lengthAtApostrophe > keyStart
              && Fold.single(chars[end - 1]) == 's';
          if (possessive) {
            length = lengthAtApostrophe;
            hash = hashAtApostrophe;
            end = lastApostrophe;
          }
          if (isCyrillic(chars[start])) {
            length = CyrillicStem.end(folded, keyStart, length);
            hash = Hash64.START;
            for (int k = keyStart; k < length; k++) {
              hash = Hash64.add(hash, folded[k]);
            }
          }
          if (n == hashes.length) {
            int grown = 2 * n;
            hashes = Arrays.copyOf(hashes, grown);
            starts = Arrays.copyOf(starts, grown);
            ends = Arrays.copyOf(ends, grown);
            capitalised = Arrays.copyOf(capitalised, grown);
            keyStarts = Arrays.copyOf(keyStarts, grown + 1);
          }
          hashes[n] = Hash64.finish(hash);
          starts[n] = start;
          ends[n] = end;
          capitalised[n] = !Character.isLowerCase(chars[start]);
          keyStarts[++n] = length;
          keyStart = length;
        }
        length = keyStart;
        hash = Hash64.START;
        start = -1;
        lastApostrophe = -1;
        continue;
      }
      if (single == Fold.IGNORED_CHAR) {
        if (Fold.isApostrophe(chars[i])) {
          lastApostrophe = i;
          lengthAtApostrophe = length;
          hashAtApostrophe = hash;
        }
        continue;
      }
      // A character that folds to several (ß, ﬁ, some Cyrillic letters): one at a time.
      // The buffer holds a character per character of the text; these need room beyond that.
      String several = Fold.of(chars[i]);
      if (length + several.length() + chars.length - i > folded.length) {
        folded = Arrays.copyOf(folded, 2 * folded.length + several.length());
      }
      for (int j = 0; j < several.length(); j++) {
        char c = several.charAt(j);
        if (length == keyStart || folded[length - 1] != c || Character.isDigit(c)) {
          folded[length++] = c;
          hash = Hash64.add(hash, c);
        }
      }
      start = start < 0 ? i : start;
      end = i + 1;
    }
    return new Tokens(text, folded, keyStarts, hashes, starts, ends, capitalised, n);
  }

  /** The Cyrillic block, by range: {@code Character.UnicodeBlock.of} costs a search per word. */
  private static boolean isCyrillic(char c) {
    return c >= '\u0400' && c <= '\u04ff';
  }

  public int size() {
    return size;
  }

  public String key(int i) {
    if (keys[i] == null) {
      keys[i] = new String(folded, keyStarts[i], keyStarts[i + 1] - keyStarts[i]);
    }
    return keys[i];
  }

  /** The {@link Hash64} of the key: what every index looks the word up by. */
  public long hash(int i) {
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

  /** The first character of word i as written. */
  public int firstCodePoint(int i) {
    return text.codePointAt(starts[i]);
  }

  /** Whether word {@code i} and the next are apart by one space only: no hyphen, comma or line break. */
  public boolean spaceAfter(int i) {
    return i + 1 < size && starts[i + 1] - ends[i] == 1 && text.charAt(ends[i]) == ' ';
  }

  /**
   * Whether a clause ends after word {@code i}: the text ends, or a full stop, semicolon, colon,
   * question or exclamation mark or closing bracket comes before the next word.
   */
  public boolean clauseEndsAfter(int i) {
    int until = i + 1 < size ? starts[i + 1] : text.length();
    for (int c = ends[i]; c < until; c++) {
      if (".;:!?)".indexOf(text.charAt(c)) >= 0) {
        return true;
      }
    }
    return i + 1 >= size;
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
    if (to - from == 1) {
      return key(from);
    }
    StringBuilder phrase = new StringBuilder();
    for (int i = from; i < to; i++) {
      phrase.append(i > from ? " " : "").append(folded, keyStarts[i], keyStarts[i + 1] - keyStarts[i]);
    }
    return phrase.toString();
  }

  /** The folded keys of all tokens: the form a name is indexed under. */
  public String phrase() {
    return phrase(0, size());
  }
}
