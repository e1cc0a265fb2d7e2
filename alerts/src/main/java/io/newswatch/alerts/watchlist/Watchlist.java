package io.newswatch.alerts.watchlist;

import io.newswatch.avro.Level;
import io.newswatch.avro.PlaceMention;
import io.newswatch.avro.Watch;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * Which places the alerts topology tracks, and from which level their alerts are published:
 * the places on the watchlist topic, each with its own minimum level, plus any the operator
 * watches regardless (e.g. all places) from {@link Level#ELEVATED} up.
 */
public final class Watchlist {
  private final WatchFilter alwaysWatched;
  private final LongFunction<Watch> watches;

  /**
   * @param watches the watchlist entry of a place id, or null when the place is not on it
   */
  public Watchlist(WatchFilter alwaysWatched, LongFunction<Watch> watches) {
    this.alwaysWatched = alwaysWatched;
    this.watches = watches;
  }

  /** The lowest level worth publishing for the place, or empty when it is not watched. */
  public Optional<Level> minLevel(PlaceMention place) {
    Watch watch = watches.apply(place.getGeonameId());
    if (watch != null) {
      return Optional.of(watch.getMinLevel());
    }
    return alwaysWatched.watches(place) ? Optional.of(Level.ELEVATED) : Optional.empty();
  }
}
