package io.newswatch.alerts.topology;

import io.newswatch.alerts.detector.Detector;
import io.newswatch.alerts.detector.DetectorSettings;
import io.newswatch.alerts.detector.PlaceState;
import io.newswatch.alerts.watchlist.Watchlist;
import io.newswatch.avro.Alert;
import io.newswatch.avro.EnrichedArticle;
import io.newswatch.avro.Level;
import io.newswatch.avro.PlaceMention;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Runs a place's {@link Detector} on each of its articles, keeping the detector's state in a
 * store, and publishes the alerts at or above the place's watch level. Articles that arrive
 * later than the grace period are counted in the metric {@value #LATE_METRIC}-total (group
 * {@code stream-newswatch-metrics}).
 *
 * <p>Articles first wait in a {@link ReorderBuffer} until the task has seen articles ingested
 * {@link #REORDER} after them (its stream time is the latest ingest time), or until the task has
 * been quiet for {@link #QUIET}: so they reach the detector in the buffer's order however the
 * partitions interleaved on the way, and a replay raises the same alerts with the same ids. The
 * price is that a live alert waits up to {@link #REORDER} for the articles that may precede it.
 */
final class DetectProcessor implements Processor<String, EnrichedArticle, String, Alert> {
  static final String LATE_METRIC = "late-articles-dropped";
  /** How far, in ingest time, articles may be overtaken on their way here. */
  static final Duration REORDER = Duration.ofMinutes(1);
  /** A task that got nothing for this long (wall clock) has caught up: it releases all it holds. */
  static final Duration QUIET = Duration.ofSeconds(2);

  private final DetectorSettings settings;
  private final WatchlistFactory watchlists;
  private ProcessorContext<String, Alert> context;
  private Watchlist watchlist;
  private KeyValueStore<String, PlaceState> states;
  private KeyValueStore<String, Alert> recentAlerts;
  private ReorderBuffer waiting;
  private Sensor droppedLate;
  private long lastArrival;

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
    this.waiting = new ReorderBuffer(context.getStateStore(AlertsTopology.REORDER_STORE));
    this.droppedLate = context.metrics().addRateTotalSensor("newswatch",
        "detect-" + context.taskId(), LATE_METRIC, Sensor.RecordingLevel.INFO);
    // A task that has just started (after a crash, with a restored buffer) has not been quiet:
    // what is still on its way may precede what it holds.
    lastArrival = context.currentSystemTimeMs();
    context.schedule(QUIET.dividedBy(2), PunctuationType.WALL_CLOCK_TIME, now -> {
      if (now - lastArrival >= QUIET.toMillis()) {
        detect(waiting.releaseAll());
      }
    });
  }

  @Override
  public void close() {
    context.metrics().removeSensor(droppedLate);
  }

  /** The record's timestamp is the article's ingest time (see {@link PlaceFanOut}). */
  @Override
  public void process(Record<String, EnrichedArticle> record) {
    lastArrival = context.currentSystemTimeMs();
    waiting.add(record.key(), record.value());
    detect(waiting.releaseUpTo(Instant.ofEpochMilli(context.currentStreamTimeMs()).minus(REORDER)));
  }

  private void detect(List<KeyValue<String, EnrichedArticle>> articlesByPlace) {
    articlesByPlace.forEach(kv -> detect(kv.key, kv.value));
  }

  private void detect(String placeKey, EnrichedArticle article) {
    long placeId = Long.parseLong(placeKey);
    PlaceMention place = article.getPlaces().stream()
        .filter(p -> p.getGeonameId() == placeId).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(
            "article " + article.getId() + " does not mention place " + placeKey));
    Optional<Level> minLevel = watchlist.minLevel(place);
    if (minLevel.isEmpty()) {
      states.delete(placeKey); // unwatched since the article was re-keyed: forget the place
      return;
    }
    PlaceState stored = states.get(placeKey);
    Detector detector = stored == null
        ? Detector.start(settings, place) : Detector.resume(settings, stored);
    Detector.Outcome outcome = detector.onArticle(article);
    if (outcome.droppedLate()) {
      droppedLate.record();
    }
    states.put(placeKey, detector.state());
    outcome.alert().filter(a -> a.getLevel().compareTo(minLevel.get()) >= 0).ifPresent(a -> {
      RecentAlerts.add(recentAlerts, a);
      // stamped with the time newswatch got the article, not its event time: the topic's
      // retention counts from the record time, and an alert about 2022 is news today
      context.forward(new Record<>(placeKey, a, article.getIngestedAt().toEpochMilli()));
    });
  }
}
