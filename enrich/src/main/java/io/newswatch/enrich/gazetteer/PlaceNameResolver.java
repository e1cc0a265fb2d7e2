package io.newswatch.enrich.gazetteer;

import io.newswatch.enrich.gazetteer.Gazetteer.PlaceName;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The place a name typed by a person means ({@code watch add Костянтинівка}, {@code --watch},
 * the dashboard), scored as the tagger weighs a name with no article around it ({@link
 * Place#prior}: an alternate name counts a tenth, and "Sloviansk" is also an old name of
 * Nikopol), plus {@value #PREFERRED} in a preferred country. The best is the one meant
 * when it is four times as prominent as any other, so scored; otherwise the name is ambiguous
 * and the candidates come most likely first.
 */
public final class PlaceNameResolver {
  static final double PREFERRED = 2;
  /**
   * Four times as prominent: Kostiantynivka (67,000 people) before its namesake of 11,500, and
   * before the villages GeoNames names Konstantinovka (1,354), whose Russian spelling is only
   * the town's alternate name.
   */
  static final double CLEAR_LEAD = Math.log10(4);

  private PlaceNameResolver() {}

  /** {@code place} null when the name is ambiguous or unknown; {@code ranked}: every candidate, likeliest first. */
  public record Resolution(Place place, List<Place> ranked) {}

  public static Resolution resolve(Gazetteer gazetteer, String name, Set<String> preferredCountries) {
    Map<Place, Double> best = new LinkedHashMap<>();
    for (PlaceName candidate : gazetteer.lookupNames(name)) {
      Place p = candidate.place();
      double score = p.prior(candidate.own()) + (preferredCountries.contains(p.countryCode()) ? PREFERRED : 0);
      best.merge(p, score, Math::max);
    }
    List<Map.Entry<Place, Double>> ranked = best.entrySet().stream()
        .sorted(Map.Entry.<Place, Double>comparingByValue().reversed()
            .thenComparing(e -> e.getKey().geonameId(), Comparator.naturalOrder()))
        .toList();
    List<Place> places = ranked.stream().map(Map.Entry::getKey).toList();
    boolean clear = ranked.size() == 1
        || ranked.size() > 1 && ranked.get(0).getValue() - ranked.get(1).getValue() >= CLEAR_LEAD;
    return new Resolution(clear ? places.get(0) : null, places);
  }
}
