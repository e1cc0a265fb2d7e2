package io.newswatch.enrich.text;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UScript;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.Transliterator;

/**
 * Folds one character at a time to the form names are compared in: NFKC, case folded,
 * Cyrillic transliterated to Latin (Ukrainian BGN/PCGN, Russian BGN/PCGN for the letters
 * Ukrainian lacks), diacritics and apostrophes removed, {@code y} and {@code j} read as
 * {@code i} so that Ukrainian and Russian spellings converge (Костянтинівка, Kostiantynivka
 * and Kostyantynivka all become {@code kostiantinivka}). {@link Tokens} then collapses
 * doubled letters (Donbass, Donbas).
 *
 * <p>Why a table: the answer for every UTF-16 unit is computed once with ICU, so folding an
 * article costs an array read per character instead of a {@code Normalizer} call.
 * Folding per character loses ICU's context rules (word-initial {@code е}), which does not
 * matter because both the gazetteer and the article are folded the same way.
 */
public final class Fold {
  /** A character that separates words. */
  public static final String SEPARATOR = null;
  /** A character that belongs to a word but adds nothing to its folded form. */
  public static final String IGNORED = "";

  /** {@link #single}: the character separates words. */
  public static final char SEPARATOR_CHAR = 0;
  /** {@link #single}: the character adds nothing. */
  public static final char IGNORED_CHAR = 1;
  /** {@link #single}: the character folds to several ({@link #of}). */
  public static final char SEVERAL_CHARS = 2;

  private static final String APOSTROPHES = "'\u2019\u2018\u02bc\u02b9\u0060\u00b4";
  private static final String[] TABLE = buildTable();
  private static final char[] SINGLE = buildSingle();

  private Fold() {}

  /** The folded form of {@code c}: letters and digits, {@link #IGNORED} or {@link #SEPARATOR}. */
  public static String of(char c) {
    return TABLE[c];
  }

  /**
   * The folded form of {@code c} when it is one character (most are), else one of
   * {@link #SEPARATOR_CHAR}, {@link #IGNORED_CHAR}, {@link #SEVERAL_CHARS}: lets the tokenizer
   * skip a string per character.
   */
  public static char single(char c) {
    return SINGLE[c];
  }

  /** Apostrophes join the parts of a word (Pokrovs'k) and mark possessives (Putin's). */
  public static boolean isApostrophe(char c) {
    return APOSTROPHES.indexOf(c) >= 0;
  }

  private static String[] buildTable() {
    Normalizer2 nfkcCasefold = Normalizer2.getNFKCCasefoldInstance();
    Normalizer2 nfd = Normalizer2.getNFDInstance();
    Transliterator ukrainian = Transliterator.getInstance("Ukrainian-Latin/BGN");
    Transliterator russian = Transliterator.getInstance("Russian-Latin/BGN");
    String[] table = new String[Character.MAX_VALUE + 1];
    for (int c = 0; c <= Character.MAX_VALUE; c++) {
      table[c] = foldOne((char) c, nfkcCasefold, nfd, ukrainian, russian);
    }
    return table;
  }

  private static char[] buildSingle() {
    char[] single = new char[TABLE.length];
    for (int c = 0; c < TABLE.length; c++) {
      String folded = TABLE[c];
      single[c] = folded == SEPARATOR ? SEPARATOR_CHAR : folded.isEmpty() ? IGNORED_CHAR
          : folded.length() == 1 ? folded.charAt(0) : SEVERAL_CHARS;
    }
    return single;
  }

  private static String foldOne(char c, Normalizer2 nfkcCasefold, Normalizer2 nfd,
      Transliterator ukrainian, Transliterator russian) {
    if (isApostrophe(c) || UCharacter.getType(c) == UCharacter.NON_SPACING_MARK
        || c == '\u00ad') {
      return IGNORED;
    }
    if (!Character.isLetterOrDigit(c) || Character.isSurrogate(c)) {
      return SEPARATOR;
    }
    String s = nfkcCasefold.normalize(String.valueOf(c));
    if (UScript.getScript(c) == UScript.CYRILLIC) {
      String latin = ukrainian.transliterate(s);
      s = latin.equals(s) ? russian.transliterate(s) : latin;
    }
    StringBuilder folded = new StringBuilder();
    for (char d : nfd.normalize(s).toCharArray()) {
      int type = UCharacter.getType(d);
      // Modifier letters are BGN's soft and hard signs (ʹ ʺ): dropped like apostrophes.
      if (Character.isLetterOrDigit(d) && type != UCharacter.NON_SPACING_MARK
          && type != UCharacter.MODIFIER_LETTER) {
        folded.append(d == 'y' || d == 'j' ? 'i' : d);
      }
    }
    return folded.toString();
  }
}
