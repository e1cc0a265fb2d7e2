package io.newswatch.enrich.places;

import io.newswatch.enrich.gazetteer.Place;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Corrects a name written one slip away from a town's transliteration: a letter left out,
 * added, changed or two swapped ("Popsana" for Popasna, "Bordyanka" for Borodyanka,
 * "Marganets" for Marhanets, "Schastia" for Shchastia). Only towns of countries that write
 * Cyrillic are looked for, whose Latin names are transliterations that the press spells in
 * many ways; the most prominent town within one edit wins.
 *
 * <p>Looked up by deletions, not by trying every edit: each name is indexed under itself and
 * each of its one-letter deletions, and a word is looked up the same way, so that two words
 * one edit apart always share a key; a shared key is then checked for being one edit apart.
 */
final class TransliterationSlips {
  /** Shorter words are one edit away from too many towns to correct. */
  static final int MIN_LETTERS = 5;

  /** Names and their one-letter deletions, to the names they come from. */
  private final Map<String, List<String>> byDeletion = new HashMap<>();
  private final Map<String, List<Place>> towns;

  /** @param towns towns by the folded key of their one-word Latin names */
  TransliterationSlips(Map<String, List<Place>> towns) {
    this.towns = towns;
    towns.keySet().stream().sorted().forEach(name -> {
      if (name.length() >= MIN_LETTERS - 1) {
        index(name, name);
        for (int i = 0; i < name.length(); i++) {
          index(deleted(name, i), name);
        }
      }
    });
  }

  private void index(String key, String name) {
    List<String> names = byDeletion.computeIfAbsent(key, k -> new ArrayList<>(1));
    if (!names.contains(name)) {
      names.add(name);
    }
  }

  private static String deleted(String word, int i) {
    return word.substring(0, i) + word.substring(i + 1);
  }

  /** The most prominent town whose name is one edit from {@code key} (a folded word), if any. */
  Optional<Place> correct(String key) {
    if (key.length() < MIN_LETTERS || towns.containsKey(key)) {
      return Optional.empty();
    }
    Place best = null;
    for (int i = -1; i < key.length(); i++) {
      for (String name : byDeletion.getOrDefault(i < 0 ? key : deleted(key, i), List.of())) {
        if (oneEditApart(key, name)) {
          for (Place p : towns.get(name)) {
            if (best == null || p.prominence() > best.prominence()) {
              best = p;
            }
          }
        }
      }
    }
    return Optional.ofNullable(best);
  }

  /** Whether one letter left out, added, changed, or two neighbours swapped make {@code a} of {@code b}. */
  static boolean oneEditApart(String a, String b) {
    if (a.length() < b.length()) {
      return oneEditApart(b, a);
    }
    int head = 0;
    while (head < b.length() && a.charAt(head) == b.charAt(head)) {
      head++;
    }
    if (a.length() == b.length() + 1) {
      return a.regionMatches(head + 1, b, head, b.length() - head);
    }
    if (a.length() != b.length() || head == a.length()) {
      return false;
    }
    return a.regionMatches(head + 1, b, head + 1, a.length() - head - 1)
        || head + 1 < a.length() && a.charAt(head) == b.charAt(head + 1) && a.charAt(head + 1) == b.charAt(head)
            && a.regionMatches(head + 2, b, head + 2, a.length() - head - 2);
  }
}
