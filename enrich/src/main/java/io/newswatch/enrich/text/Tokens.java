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
  private final int[] starts;
  private final int[] ends;
  private final boolean[] capitalised;

  private Tokens(String text, List<String> keys, int[] starts, int[] ends, boolean[] capitalised) {
    this.text = text;
    this.keys = keys.toArray(String[]::new);
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
    StringBuilder key = new StringBuilder();
    int start = -1;
    int end = -1;
    int lastApostrophe = -1;
    int keyLengthAtApostrophe = 0;
    for (int i = 0; i <= text.length(); i++) {
      String folded = i < text.length() ? Fold.of(text.charAt(i)) : Fold.SEPARATOR;
      if (folded == Fold.SEPARATOR) {
        if (key.length() > 0) {
          boolean possessive = lastApostrophe == end - 2 && keyLengthAtApostrophe > 0
              && "s".equals(Fold.of(text.charAt(end - 1)));
          if (possessive) {
            key.setLength(keyLengthAtApostrophe);
            end = lastApostrophe;
          }
          int n = keys.size();
          boolean cyrillic = isCyrillic(text.charAt(start));
          keys.add(cyrillic ? CyrillicStem.of(key.toString()) : key.toString());
          starts[n] = start;
          ends[n] = end;
          capitalised[n] = !Character.isLowerCase(text.charAt(start));
        }
        key.setLength(0);
        start = -1;
        lastApostrophe = -1;
        continue;
      }
      if (folded.isEmpty() && Fold.isApostrophe(text.charAt(i))) {
        lastApostrophe = i;
        keyLengthAtApostrophe = key.length();
      }
      for (int j = 0; j < folded.length(); j++) {
        char c = folded.charAt(j);
        if (key.length() == 0 || key.charAt(key.length() - 1) != c || Character.isDigit(c)) {
          key.append(c);
        }
      }
      if (!folded.isEmpty()) {
        start = start < 0 ? i : start;
        end = i + 1;
      }
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

  public int start(int i) {
    return starts[i];
  }

  public int end(int i) {
    return ends[i];
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
