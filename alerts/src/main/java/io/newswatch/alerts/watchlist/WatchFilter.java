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
  private final Set<Long> placeIds;

  private WatchFilter(boolean all, Set<Long> placeIds) {
    this.all = all;
    this.placeIds = Set.copyOf(placeIds);
  }

  /** Every locality (countries and first-level regions are skipped). */
  public static WatchFilter all() {
    return new WatchFilter(true, Set.of());
  }

  /** Exactly these GeoNames ids, whatever their kind. */
  public static WatchFilter places(Set<Long> placeIds) {
    return new WatchFilter(false, placeIds);
  }

  public static WatchFilter none() {
    return places(Set.of());
  }

  public boolean watches(PlaceMention place) {
    return placeIds.contains(place.getGeonameId()) || all && !TOO_WIDE.contains(place.getKind());
  }
}
