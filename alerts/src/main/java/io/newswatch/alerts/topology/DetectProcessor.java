package io.newswatch.alerts.topology;

import io.newswatch.alerts.detector.Detector;
import io.newswatch.alerts.detector.DetectorSettings;
import io.newswatch.alerts.detector.PlaceState;
import io.newswatch.alerts.watchlist.Watchlist;
import io.newswatch.avro.Alert;
import io.newswatch.avro.EnrichedArticle;
import io.newswatch.avro.Level;
import io.newswatch.avro.PlaceMention;
import java.util.Optional;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Runs a place's {@link Detector} on each of its articles, keeping the detector's state in a
 * store, and publishes the alerts at or above the place's watch level. Articles that arrive
 * later than the grace period are counted in the metric {@value #LATE_METRIC}-total (group
 * {@code stream-newswatch-metrics}).
 */
final class DetectProcessor implements Processor<String, EnrichedArticle, String, Alert> {
  static final String LATE_METRIC = "late-articles-dropped";

  private final DetectorSettings settings;
  private final WatchlistFactory watchlists;
  private ProcessorContext<String, Alert> context;
  private Watchlist watchlist;
  private KeyValueStore<String, PlaceState> states;
  private KeyValueStore<String, Alert> recentAlerts;
  private Sensor droppedLate;

  DetectProcessor(DetectorSettings settings, WatchlistFactory watchlists) {
    this.settings = settings;
    this.watchlists = watchlists;
  }

  @Override
  public void init(ProcessorContext<String, Alert> context) {
    this.context = context;
    this.watchlist = watchlists.open(context);
    this.states = context.getStateStore(AlertsTopology.PLACE_STATE_STORE);
    this.recentAlerts = context.getStateStore(AlertsTopology.RECENT_ALERTS_STORE);
    this.droppedLate = context.metrics().addRateTotalSensor("newswatch",
        "detect-" + context.taskId(), LATE_METRIC, Sensor.RecordingLevel.INFO);
  }

  @Override
  public void close() {
    context.metrics().removeSensor(droppedLate);
  }

  @Override
  public void process(Record<String, EnrichedArticle> record) {
    String placeKey = record.key();
    long placeId = Long.parseLong(placeKey);
    PlaceMention place = record.value().getPlaces().stream()
        .filter(p -> p.getGeonameId() == placeId).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(
            "article " + record.value().getId() + " does not mention place " + placeKey));
    Optional<Level> minLevel = watchlist.minLevel(place);
    if (minLevel.isEmpty()) {
      states.delete(placeKey); // unwatched since the article was re-keyed: forget the place
      return;
    }
    PlaceState stored = states.get(placeKey);
    Detector detector = stored == null
        ? Detector.start(settings, place) : Detector.resume(settings, stored);
    Detector.Outcome outcome = detector.onArticle(record.value());
    if (outcome.droppedLate()) {
      droppedLate.record();
    }
    states.put(placeKey, detector.state());
    outcome.alert().filter(a -> a.getLevel().compareTo(minLevel.get()) >= 0).ifPresent(a -> {
      RecentAlerts.add(recentAlerts, a);
      context.forward(new Record<>(placeKey, a, a.getDetectedAt().toEpochMilli()));
    });
  }
}
