package io.newswatch.enrich.places;

import io.newswatch.avro.Mention;
import io.newswatch.avro.PlaceMention;
import java.util.List;

/**
 * The place an article is mainly about. Each place scores its mentions, a title mention
 * counting three times, weighted by kind (locality 1, region 0.5, country 0.25: the most
 * specific place is the news) and by its confidence. The focus is the best scorer; its
 * confidence is its own confidence scaled by its share of all the scores (0.5 + 0.5 x share),
 * so an article split between two towns has a less certain focus.
 */
public final class Focus {
  private Focus() {}

  /** The focus among {@code places}, a copy with the focus confidence, or null when there are none. */
  public static PlaceMention of(List<PlaceMention> places, int titleEnd) {
    PlaceMention best = null;
    double bestScore = 0;
    double total = 0;
    for (PlaceMention place : places) {
      double score = score(place, titleEnd);
      total += score;
      if (score > bestScore) {
        best = place;
        bestScore = score;
      }
    }
    if (best == null) {
      return null;
    }
    double confidence = best.getConfidence() * (0.5 + 0.5 * bestScore / total);
    return PlaceMention.newBuilder(best).setConfidence(Math.round(confidence * 100) / 100.0).build();
  }

  private static double score(PlaceMention place, int titleEnd) {
    double mentions = 0;
    for (Mention m : place.getMentions()) {
      mentions += m.getStart() < titleEnd ? 3 : 1;
    }
    double kindWeight = switch (place.getKind()) {
      case "locality" -> 1;
      case "region" -> 0.5;
      default -> 0.25;
    };
    return mentions * kindWeight * place.getConfidence();
  }
}
