package io.newswatch.enrich.places;

import io.newswatch.enrich.gazetteer.Gazetteer;
import io.newswatch.enrich.text.Tokens;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The everyday words of a language that some place is also called, for the tagger's evidence
 * gate. A dictionary writes names capitalised, so a word it has in lower case is a common
 * word: "має", "суд", "піски" (and "покровська", an adjective that folds as the town
 * Pokrovsk's genitive does: the tagger exempts towns, see {@code PlaceTagger}). Only those whose folded form is the one-word name of a
 * place in the gazetteer can ever be mistaken for one, so the list keeps those alone, one
 * word for each folded form (the tagger compares folded forms, which the stemmer shares
 * between a word's cases).
 */
public final class CommonWordCollisions {
  private CommonWordCollisions() {}

  /**
   * The lower-case {@code words} that fold to a one-word name of some place of {@code gazetteer},
   * the first of each folded form in sorted order, sorted.
   */
  public static List<String> of(Gazetteer gazetteer, Collection<String> words) {
    Map<String, String> kept = new HashMap<>();
    for (String word : words) {
      String w = word.strip();
      if (w.isEmpty() || !Character.isLowerCase(w.codePointAt(0)) || w.indexOf(' ') >= 0) {
        continue;
      }
      Tokens tokens = Tokens.of(w);
      if (tokens.size() == 1 && !gazetteer.lookup(w).isEmpty()) {
        kept.merge(tokens.phrase(), w, (a, b) -> a.compareTo(b) <= 0 ? a : b);
      }
    }
    return List.copyOf(new TreeSet<>(kept.values()));
  }
}
