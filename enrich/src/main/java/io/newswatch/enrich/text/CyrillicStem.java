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

  /** The same cuts as before on an end index, one string at the end: names are stemmed by the million at load. */
  static String of(String key) {
    int end = key.length();
    for (int previous = -1; end != previous; ) {
      previous = end;
      while (end > MIN_STEM && "aeiou".indexOf(key.charAt(end - 1)) >= 0) {
        end--;
      }
      for (String ending : ENDINGS) {
        if (end - ending.length() >= MIN_STEM && key.startsWith(ending, end - ending.length())) {
          end -= ending.length();
          break;
        }
      }
    }
    return end == key.length() ? key : key.substring(0, end);
  }
}
