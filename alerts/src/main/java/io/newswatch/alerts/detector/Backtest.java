package io.newswatch.alerts.detector;

import io.newswatch.alerts.watchlist.WatchFilter;
import io.newswatch.avro.Alert;
import io.newswatch.avro.EnrichedArticle;
import io.newswatch.avro.PlaceMention;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the detector over a recorded feed, offline: what {@code newswatch backtest} calls, and
 * the same per-place detectors the alerts topology keeps in its state store. The feed's volume
 * is counted over every article, watched places or not, as the topology's fan-out counts it.
 */
public final class Backtest {
  private Backtest() {}

  public static List<Alert> run(Iterable<EnrichedArticle> articlesInEventTimeOrder,
      DetectorSettings settings, WatchFilter watch) {
    Map<Long, Detector> detectors = new HashMap<>();
    List<Alert> alerts = new ArrayList<>();
    FeedVolume feed = FeedVolume.start(settings);
    for (EnrichedArticle article : articlesInEventTimeOrder) {
      feed.count(article.getPublishedAt());
      double feedPerDay = feed.perDay();
      for (PlaceMention place : article.getPlaces()) {
        if (watch.watches(place)) {
          // as the alerts stage does, every detector cached
          Detector detector = Detector.forArticle(settings, detectors.get(place.getGeonameId()), () -> null,
              place, article.getPublishedAt().toEpochMilli());
          detectors.put(place.getGeonameId(), detector);
          detector.onArticle(article, feedPerDay).alert().ifPresent(alerts::add);
        }
      }
    }
    return alerts;
  }
}
