package io.newswatch.enrich.text;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Values (places, actors, cue terms) indexed by the folded phrases that name them, and
 * found in a text in one left-to-right pass, longest phrase first. Immutable once built,
 * so one index serves every thread.
 *
 * <p>Why a map of whole phrases plus the longest phrase per first word: a text position
 * whose word starts no phrase (most of them) costs one lookup, and the rest at most
 * {@link #MAX_TOKENS} more.
 */
public final class PhraseIndex<T> {
  /** Longer names are not indexed; no place or actor needs more words. */
  public static final int MAX_TOKENS = 5;

  private final Map<String, List<T>> byPhrase;
  private final Map<String, Integer> longestByFirstWord;

  private PhraseIndex(Map<String, List<T>> byPhrase, Map<String, Integer> longestByFirstWord) {
    this.byPhrase = byPhrase;
    this.longestByFirstWord = longestByFirstWord;
  }

  /** A phrase found in a text: tokens {@code [from, to)} and the values it names. */
  public record Match<T>(int from, int to, List<T> values) {}

  /** The values a name stands for, best first (in the builder's order), or none. */
  public List<T> get(String name) {
    return byPhrase.getOrDefault(Tokens.of(name).phrase(), List.of());
  }

  /**
   * Non-overlapping matches, left to right; at each position the longest phrase that
   * {@code accept} takes wins, so a rejected long match still lets a shorter one through.
   */
  public List<Match<T>> findAll(Tokens tokens, Predicate<Match<T>> accept) {
    List<Match<T>> matches = new ArrayList<>();
    int i = 0;
    while (i < tokens.size()) {
      Match<T> match = longestAt(tokens, i, accept);
      if (match == null) {
        i++;
      } else {
        matches.add(match);
        i = match.to();
      }
    }
    return matches;
  }

  private Match<T> longestAt(Tokens tokens, int from, Predicate<Match<T>> accept) {
    Integer longest = longestByFirstWord.get(tokens.key(from));
    if (longest == null) {
      return null;
    }
    for (int to = Math.min(tokens.size(), from + longest); to > from; to--) {
      List<T> values = byPhrase.get(tokens.phrase(from, to));
      if (values != null) {
        Match<T> match = new Match<>(from, to, values);
        if (accept.test(match)) {
          return match;
        }
      }
    }
    return null;
  }

  public static <T> Builder<T> builder() {
    return new Builder<>();
  }

  /** Collects names; a value added twice under one phrase is kept once. */
  public static final class Builder<T> {
    private final Map<String, List<T>> byPhrase = new HashMap<>();

    private Builder() {}

    /** Indexes {@code value} under {@code name}; names of no or too many words are skipped. */
    public Builder<T> add(String name, T value) {
      Tokens tokens = Tokens.of(name);
      if (tokens.size() > 0 && tokens.size() <= MAX_TOKENS) {
        List<T> values = byPhrase.computeIfAbsent(tokens.phrase(), k -> new ArrayList<>(1));
        if (!values.contains(value)) {
          values.add(value);
        }
      }
      return this;
    }

    /** The index, each phrase's values sorted by {@code order}. */
    public PhraseIndex<T> build(Comparator<? super T> order) {
      Map<String, List<T>> frozen = new HashMap<>(byPhrase.size() * 4 / 3 + 1);
      Map<String, Integer> longest = new HashMap<>();
      byPhrase.forEach((phrase, values) -> {
        values.sort(order);
        frozen.put(phrase, List.copyOf(values));
        String[] words = phrase.split(" ");
        longest.merge(words[0], words.length, Math::max);
      });
      return new PhraseIndex<>(frozen, longest);
    }
  }
}
