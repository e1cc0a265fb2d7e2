package io.newswatch.alerts.detector;

import io.newswatch.avro.Level;
import io.newswatch.avro.PlaceMention;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * How long a place is remembered, and which detector an article meets: the one kept in memory,
 * one made from the stored state, or one for a place seen for the first time or forgotten. A
 * place is forgotten when it has had no story for {@link DetectorSettings#memory()}: by then
 * its outlets are forgotten, its CUSUM spent and its baseline at the floor, and its state can
 * shrink to a quiet place's.
 *
 * <p>A place is forgotten only when its own next article comes, by that article's time, so
 * that what it is judged on is a function of its own articles, whatever the other places of
 * its partition did; until then a quiet place keeps the state of its last window.
 */
final class PlaceMemory {
  /** windowStart of a place without stories yet. */
  static final long NEVER = Long.MIN_VALUE;

  private PlaceMemory() {}

  /**
   * The detector for an article published at {@code eventTime} about {@code place}:
   * {@code cached} while the place is not forgotten by then; otherwise made from the cached
   * detector's state or, with none, the {@code stored} one: started at the prior when the
   * place has no state, restarted as a quiet place when it is forgotten, resumed otherwise.
   */
  static Detector forArticle(DetectorSettings settings, Detector cached, Supplier<PlaceState> stored,
      PlaceMention place, long eventTime) {
    if (cached != null && !forgotten(settings, cached.windowStart(), eventTime)) {
      return cached;
    }
    PlaceState state = cached != null ? cached.state() : stored.get();
    if (state == null) {
      return Detector.start(settings, place);
    }
    return Detector.resume(settings, forgotten(settings, state, eventTime) ? forget(settings, state) : state);
  }

  /** True when the place has had no story for {@link DetectorSettings#memory()} before {@code eventTime}. */
  static boolean forgotten(DetectorSettings settings, PlaceState state, long eventTime) {
    return forgotten(settings, state.windowStart(), eventTime);
  }

  /**
   * A forgotten place, as a quiet one: its name and position, and a baseline at the floor; no
   * stories, outlets, alert times, daily cycle or originals (all older than their horizon). A
   * few hundred bytes.
   */
  static PlaceState forget(DetectorSettings settings, PlaceState state) {
    return quiet(settings, state.placeId(), state.placeName(), state.countryCode(), state.lat(), state.lon(),
        settings.perBucket(settings.floorPerDay()));
  }

  /** A place never seen: its baseline at the prior. */
  static PlaceState firstSeen(DetectorSettings settings, PlaceMention place) {
    return quiet(settings, place.getGeonameId(), place.getName(), place.getCountryCode(), place.getLat(),
        place.getLon(), settings.perBucket(settings.priorPerDay()));
  }

  private static boolean forgotten(DetectorSettings settings, long windowStart, long eventTime) {
    return windowStart != NEVER
        && windowStart + settings.windowLength().toMillis() + settings.memory().toMillis() < eventTime;
  }

  /** A place at NORMAL with nothing but its name, position and baseline. */
  private static PlaceState quiet(DetectorSettings settings, long placeId, String name, String countryCode,
      double lat, double lon, double baseline) {
    return new PlaceState(placeId, name, countryCode, lat, lon, Level.NORMAL, baseline, 0, 0, 0, NEVER,
        List.of(), Map.of(), Map.of(), List.of(), settings.bucketMillis(), settings.windowBuckets(), List.of(),
        List.of());
  }
}
