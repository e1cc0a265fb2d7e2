package io.newswatch.enrich.places;

import io.newswatch.avro.Mention;
import io.newswatch.avro.PlaceMention;
import io.newswatch.enrich.gazetteer.Gazetteer;
import io.newswatch.enrich.gazetteer.Place;
import io.newswatch.enrich.text.PhraseIndex;
import io.newswatch.enrich.text.PhraseIndex.Match;
import io.newswatch.enrich.text.ResourceLines;
import io.newswatch.enrich.text.Tokens;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds the gazetteer places an article names and decides which place each name means.
 *
 * <p>Gates, per match: the first word must be capitalised (in Latin and Cyrillic text alike),
 * and a one-word name on the stop list ("War", "Police", "May") is not a locality.
 *
 * <p>Disambiguation, per distinct name (so every mention of a name means the same place):
 * candidates are ranked by context first (a first-level region named elsewhere in the article,
 * or a place there, counts twice as much as the country), then prominence: population, a
 * locality's counting ten times ({@link Place#prominence()}). "Donetsk region" is matched as the region because longer names win.
 *
 * <p>Confidence in 0..1: 0.5, plus 0.25 if the name is unambiguous or context decided it
 * (0.1 if prominence alone did, by a factor of 5 or more), plus 0.15 for regional context
 * (0.05 for country context), plus 0.1 for a name in the title or named twice.
 */
public final class PlaceTagger {
  private final PhraseIndex<Place> names;
  private final Set<String> stopWords;

  public PlaceTagger(Gazetteer gazetteer) {
    this.names = gazetteer.names();
    this.stopWords = ResourceLines.read(PlaceTagger.class, "stopwords.txt").stream()
        .map(f -> Tokens.of(f[0]).phrase())
        .collect(Collectors.toUnmodifiableSet());
  }

  /** The places in {@code tokens}, in order of first mention; {@code titleEnd}: end offset of the title. */
  public List<PlaceMention> tag(Tokens tokens, int titleEnd) {
    Map<String, List<Match<Place>>> byName = new LinkedHashMap<>();
    for (Match<Place> match : names.findAll(tokens, m -> plausible(tokens, m))) {
      byName.computeIfAbsent(tokens.phrase(match.from(), match.to()), k -> new ArrayList<>()).add(match);
    }
    Map<String, List<Place>> candidates = new LinkedHashMap<>();
    byName.forEach((name, matches) -> candidates.put(name, candidates(name, matches.get(0).values())));
    Context context = Context.of(candidates);

    Map<Place, PlaceMention.Builder> places = new LinkedHashMap<>();
    Map<Place, Double> confidence = new HashMap<>();
    byName.forEach((name, matches) -> {
      List<Place> ranked = new ArrayList<>(candidates.get(name));
      ranked.sort(Comparator.comparingInt((Place p) -> -context.support(p, name))
          .thenComparing(Comparator.comparingDouble(Place::prominence).reversed()));
      Place best = ranked.get(0);
      boolean inTitle = tokens.start(matches.get(0).from()) < titleEnd;
      confidence.merge(best, confidence(ranked, context, name, inTitle || matches.size() > 1), Math::max);
      PlaceMention.Builder mention = places.computeIfAbsent(best, PlaceTagger::newMention);
      for (Match<Place> match : matches) {
        mention.getMentions().add(new Mention(tokens.surface(match.from(), match.to()),
            tokens.start(match.from()), tokens.end(match.to() - 1)));
      }
    });
    List<PlaceMention> result = new ArrayList<>();
    places.forEach((place, mention) -> {
      mention.getMentions().sort(Comparator.comparingInt(Mention::getStart));
      result.add(mention.setConfidence(confidence.get(place)).build());
    });
    result.sort(Comparator.comparingInt(p -> p.getMentions().get(0).getStart()));
    return result;
  }

  private boolean plausible(Tokens tokens, Match<Place> match) {
    return tokens.capitalised(match.from()) && !candidates(tokens.phrase(match.from(), match.to()),
        match.values()).isEmpty();
  }

  /** The places a name can mean once the stop list has removed localities. */
  private List<Place> candidates(String name, List<Place> places) {
    if (!stopWords.contains(name)) {
      return places;
    }
    return places.stream().filter(p -> p.kind() != Place.Kind.LOCALITY).toList();
  }

  private static double confidence(List<Place> ranked, Context context, String name, boolean repeated) {
    Place best = ranked.get(0);
    int support = context.support(best, name);
    double c = 0.5;
    if (ranked.size() == 1 || support > context.support(ranked.get(1), name)) {
      c += 0.25;
    } else if (best.prominence() >= 5 * Math.max(1, ranked.get(1).prominence())) {
      c += 0.1;
    }
    c += support >= 2 ? 0.15 : support == 1 ? 0.05 : 0;
    c += repeated ? 0.1 : 0;
    return Math.round(Math.min(c, 0.99) * 100) / 100.0;
  }

  private static PlaceMention.Builder newMention(Place place) {
    return PlaceMention.newBuilder()
        .setGeonameId(place.geonameId())
        .setName(place.name())
        .setKind(place.kind().label())
        .setCountryCode(place.countryCode())
        .setAdmin1(place.admin1())
        .setLat(place.lat())
        .setLon(place.lon())
        .setPopulation(place.population())
        .setConfidence(0)
        .setMentions(new ArrayList<>());
  }

  /**
   * What the other names in the article say: the first-level regions and countries that a
   * name points to without doubt (all its candidates agree).
   */
  private record Context(Map<String, String> admin1ByName, Map<String, String> countryByName) {
    static Context of(Map<String, List<Place>> candidates) {
      Map<String, String> admin1 = new HashMap<>();
      Map<String, String> country = new HashMap<>();
      candidates.forEach((name, places) -> {
        Set<String> admin1Codes = new HashSet<>();
        Set<String> countries = new HashSet<>();
        for (Place p : places) {
          admin1Codes.add(p.admin1Code());
          countries.add(p.countryCode());
        }
        if (admin1Codes.size() == 1 && admin1Codes.iterator().next() != null) {
          admin1.put(name, admin1Codes.iterator().next());
        }
        if (countries.size() == 1) {
          country.put(name, countries.iterator().next());
        }
      });
      return new Context(admin1, country);
    }

    /** 2 if another name points to the place's region, 1 if only to its country, else 0. */
    int support(Place place, String ownName) {
      if (place.admin1Code() != null && admin1ByName.entrySet().stream()
          .anyMatch(e -> !e.getKey().equals(ownName) && e.getValue().equals(place.admin1Code()))) {
        return 2;
      }
      boolean country = countryByName.entrySet().stream()
          .anyMatch(e -> !e.getKey().equals(ownName) && e.getValue().equals(place.countryCode()));
      return country ? 1 : 0;
    }
  }
}
