package io.newswatch.enrich.text;

/**
 * Cuts case endings off the folded key of a word written in Cyrillic, so that inflected
 * names meet their dictionary form: Константиновке and Константиновка both become
 * {@code konstantinovk}, Путиным and Путін {@code putin}, Донецкой области and Донецкая
 * область {@code donetsk oblast}. Applied to the index and the text alike. Crude on purpose:
 * it merges a few distinct names (Покровськ, Покровське), which the population prior and the
 * context then decide between. Latin words are left alone: English does not inflect names.
 */
final class CyrillicStem {
  private static final String[] ENDINGS = {"og", "oh", "om", "em", "im", "ov", "ev"};
  private static final int MIN_STEM = 4;

  private CyrillicStem() {}

  /** Where the stem of the key in {@code chars[from, to)} ends. */
  static int end(char[] chars, int from, int to) {
    int end = to;
    for (int previous = -1; end != previous; ) {
      previous = end;
      while (end - from > MIN_STEM && "aeiou".indexOf(chars[end - 1]) >= 0) {
        end--;
      }
      for (String ending : ENDINGS) {
        if (end - from - ending.length() >= MIN_STEM && endsWith(chars, end, ending)) {
          end -= ending.length();
          break;
        }
      }
    }
    return end;
  }

  private static boolean endsWith(char[] chars, int end, String ending) {
    for (int k = 0; k < ending.length(); k++) {
      if (chars[end - ending.length() + k] != ending.charAt(k)) {
        return false;
      }
    }
    return true;
  }
}
