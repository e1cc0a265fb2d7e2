package io.newswatch.alerts.http;

import io.newswatch.alerts.detector.PlaceState;
import io.newswatch.avro.Level;

/**
 * A place the detector tracks, as {@code GET /api/places} lists it for the dashboard's map.
 *
 * @param level the place's level now (see {@link PlaceTimeline#level()})
 * @param reports the reports in the place's window, kept and counted
 * @param windowEnd the end of the place's window, ISO-8601: how recent its coverage is
 */
public record PlaceSummary(long placeId, String placeName, String countryCode, double lat, double lon,
    Level level, int reports, String windowEnd) {

  /** @param keptStories the window's stories kept in full (a summary state has none of its own) */
  public static PlaceSummary of(PlaceState state, int keptStories) {
    return new PlaceSummary(state.placeId(), state.placeName(), state.countryCode(), state.lat(), state.lon(),
        state.level(), keptStories + PlaceTimeline.reportsNotKept(state),
        PlaceTimeline.iso(state.windowEnd()));
  }
}
