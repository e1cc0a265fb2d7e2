package io.newswatch.enrich.intensity;

import io.newswatch.avro.Intensity;
import io.newswatch.enrich.text.PhraseIndex;
import io.newswatch.enrich.text.PhraseIndex.Match;
import io.newswatch.enrich.text.PhraseIndex.Start;
import io.newswatch.enrich.text.ResourceLines;
import io.newswatch.enrich.text.Tokens;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * How escalated the events an article reports are, from weighted cue terms in English,
 * Ukrainian and Russian ({@code cues.tsv}). Each distinct cue counts once, so repeating
 * "fighting" ten times does not make a battle. A cue right after a negation ("no shelling",
 * "не було обстрілів", within {@value #NEGATION_REACH} words) does not count; one right after
 * a hedge ("reportedly shelled", "possible assault", "нібито", within {@value #HEDGE_REACH}
 * words) counts half, unless the article also states it plainly. De-escalation cues
 * ("ceasefire holding", "denied", "calm") have negative weights. The score is
 * {@code 1 - exp(-sum)}, clipped at 0: saturating in 0..1. Immutable and thread-safe.
 */
public final class IntensityScorer {
  private static final int NEGATION_REACH = 3;
  private static final Set<String> NEGATIONS = Stream.of(
          "no", "not", "without", "never", "nor", "neither", "ні", "не", "без", "немає", "нет")
      .map(word -> Tokens.of(word).key(0))
      .collect(Collectors.toUnmodifiableSet());
  private static final int HEDGE_REACH = 4;
  private static final double HEDGED = 0.5;
  private static final Set<String> HEDGES = Stream.of(
          "reportedly", "allegedly", "alleged", "unconfirmed", "unverified", "possible", "possibly",
          "may", "might", "could", "rumoured", "rumored", "feared", "нібито", "ймовірно", "можливо",
          "якобы", "возможно", "предположительно")
      .map(word -> Tokens.of(word).key(0))
      .collect(Collectors.toUnmodifiableSet());
  private static final IntensityScorer BUNDLED = new IntensityScorer();

  private record Cue(String term, double weight) {}

  private final PhraseIndex<Cue> cues;

  private IntensityScorer() {
    PhraseIndex.Builder<Cue> index = PhraseIndex.builder();
    for (String[] f : ResourceLines.read(IntensityScorer.class, "cues.tsv")) {
      Cue cue = new Cue(f[1], Double.parseDouble(f[0]));
      Stream.of(f[2].split("\\|")).forEach(form -> index.add(form, cue));
    }
    this.cues = index.build(Comparator.comparing(Cue::term));
  }

  public static IntensityScorer bundled() {
    return BUNDLED;
  }

  public Intensity score(Tokens tokens) {
    Map<Cue, Double> found = new LinkedHashMap<>();
    for (Match<Cue> match : cues.findAll(tokens, Start.ANY_WORD, m -> true)) {
      if (!preceded(tokens, match.from(), NEGATIONS, NEGATION_REACH)) {
        double factor = preceded(tokens, match.from(), HEDGES, HEDGE_REACH) ? HEDGED : 1;
        found.merge(match.values().get(0), factor, Math::max);
      }
    }
    double sum = found.entrySet().stream().mapToDouble(e -> e.getKey().weight() * e.getValue()).sum();
    double score = Math.round((1 - Math.exp(-Math.max(0, sum))) * 1000) / 1000.0;
    List<String> terms = new ArrayList<>();
    found.keySet().forEach(cue -> terms.add(cue.term()));
    return new Intensity(score, terms);
  }

  private static boolean preceded(Tokens tokens, int at, Set<String> words, int reach) {
    for (int i = Math.max(0, at - reach); i < at; i++) {
      if (words.contains(tokens.key(i))) {
        return true;
      }
    }
    return false;
  }
}
