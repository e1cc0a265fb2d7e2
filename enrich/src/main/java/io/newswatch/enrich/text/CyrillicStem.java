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

  static String of(String key) {
    String stem = key;
    for (String previous = null; !stem.equals(previous); ) {
      previous = stem;
      int end = stem.length();
      while (end > MIN_STEM && "aeiou".indexOf(stem.charAt(end - 1)) >= 0) {
        end--;
      }
      stem = stem.substring(0, end);
      for (String ending : ENDINGS) {
        if (stem.endsWith(ending) && stem.length() - ending.length() >= MIN_STEM) {
          stem = stem.substring(0, stem.length() - ending.length());
          break;
        }
      }
    }
    return stem;
  }
}
