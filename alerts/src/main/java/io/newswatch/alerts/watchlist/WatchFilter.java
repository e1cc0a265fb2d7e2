package io.newswatch.alerts.watchlist;

import io.newswatch.avro.PlaceMention;
import java.util.Set;

/**
 * Which places are watched regardless of the watchlist topic: a fixed set of ids, all
 * places, or none.
 */
public final class WatchFilter {
  /** Kinds that are too wide to escalate: a story about Ukraine says nothing about its towns. */
  private static final Set<String> TOO_WIDE = Set.of("country", "region");

  private final boolean all;
  private final long minPopulation;
  private final Set<Long> placeIds;

  private WatchFilter(boolean all, long minPopulation, Set<Long> placeIds) {
    this.all = all;
    this.minPopulation = minPopulation;
    this.placeIds = Set.copyOf(placeIds);
  }

  /** Every locality (countries and first-level regions are skipped). */
  public static WatchFilter all() {
    return all(0);
  }

  /**
   * Every locality of at least {@code minPopulation} people (a place of unknown population
   * counts as 0), for a desk that does not want to hear of smaller places. Discovery needs no
   * floor against noise: a level asks a place for reports beyond its own usual coverage.
   */
  public static WatchFilter all(long minPopulation) {
    return new WatchFilter(true, minPopulation, Set.of());
  }

  /** Exactly these GeoNames ids, whatever their kind. */
  public static WatchFilter places(Set<Long> placeIds) {
    return new WatchFilter(false, 0, placeIds);
  }

  public static WatchFilter none() {
    return places(Set.of());
  }

  public boolean watches(PlaceMention place) {
    return placeIds.contains(place.getGeonameId())
        || all && !TOO_WIDE.contains(place.getKind()) && place.getPopulation() >= minPopulation;
  }
}
