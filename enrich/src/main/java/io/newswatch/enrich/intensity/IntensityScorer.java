package io.newswatch.enrich.intensity;

import io.newswatch.avro.Intensity;
import io.newswatch.enrich.text.PhraseIndex;
import io.newswatch.enrich.text.PhraseIndex.Match;
import io.newswatch.enrich.text.ResourceLines;
import io.newswatch.enrich.text.Tokens;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * How escalated the events an article reports are, from weighted cue terms in English,
 * Ukrainian and Russian ({@code cues.tsv}). Each distinct cue counts once, so repeating
 * "fighting" ten times does not make a battle. A cue right after a negation ("no shelling",
 * "не було обстрілів", within {@value #NEGATION_REACH} words) does not count; de-escalation
 * cues ("ceasefire holding", "denied", "calm") have negative weights. The score is
 * {@code 1 - exp(-sum)}, clipped at 0: saturating in 0..1. Immutable and thread-safe.
 */
public final class IntensityScorer {
  private static final int NEGATION_REACH = 3;
  private static final Set<String> NEGATIONS = Stream.of(
          "no", "not", "without", "never", "nor", "neither", "ні", "не", "без", "немає", "нет")
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
    Set<Cue> found = new LinkedHashSet<>();
    for (Match<Cue> match : cues.findAll(tokens, m -> true)) {
      if (!negated(tokens, match.from())) {
        found.add(match.values().get(0));
      }
    }
    double sum = found.stream().mapToDouble(Cue::weight).sum();
    double score = Math.round((1 - Math.exp(-Math.max(0, sum))) * 1000) / 1000.0;
    List<String> terms = new ArrayList<>();
    found.forEach(cue -> terms.add(cue.term()));
    return new Intensity(score, terms);
  }

  private static boolean negated(Tokens tokens, int at) {
    for (int i = Math.max(0, at - NEGATION_REACH); i < at; i++) {
      if (NEGATIONS.contains(tokens.key(i))) {
        return true;
      }
    }
    return false;
  }
}
