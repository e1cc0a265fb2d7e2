package io.newswatch.enrich.text;

/**
 * A cheap language guess for articles whose source did not say: Cyrillic text with a letter
 * only Ukrainian uses (і ї є ґ) is {@code uk}, other Cyrillic text {@code ru}, anything else
 * {@code en}. Good enough to label the press this pipeline reads; not a general detector.
 */
public final class Language {
  /** Enough text to tell the script apart: an article does not change language halfway. */
  private static final int SAMPLE = 2_000;

  private Language() {}

  public static String detect(String text) {
    int cyrillic = 0;
    int latin = 0;
    boolean ukrainianLetter = false;
    for (int i = 0; i < Math.min(text.length(), SAMPLE); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        latin += (c | 0x20) >= 'a' && (c | 0x20) <= 'z' ? 1 : 0;
      } else if (c >= '\u0400' && c <= '\u04ff') {
        cyrillic++;
        ukrainianLetter |= "іїєґІЇЄҐ".indexOf(c) >= 0;
      } else if (c < 0x250 && Character.isLetter(c)) {
        latin++;
      }
    }
    if (cyrillic > latin) {
      return ukrainianLetter ? "uk" : "ru";
    }
    return "en";
  }
}
