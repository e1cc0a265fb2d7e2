package io.newswatch.alerts.topology;

import io.newswatch.alerts.detector.Detector;
import io.newswatch.alerts.detector.DetectorSettings;
import io.newswatch.alerts.watchlist.Watchlist;
import io.newswatch.avro.Alert;
import io.newswatch.avro.EnrichedArticle;
import io.newswatch.avro.Level;
import io.newswatch.avro.PlaceMention;
import io.newswatch.schemas.BoundedMap;
import io.newswatch.schemas.DeadLetters;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Value;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a place's {@link Detector} on each of its articles, keeping the detector's state in a
 * store, and publishes the alerts at or above the place's watch level. Articles that arrive
 * later than the grace period are counted in the metric {@value #LATE_METRIC}-total (group
 * {@code stream-newswatch-metrics}); the articles waiting in the task's reorder buffer are the
 * gauge {@value AlertsTopology#ARTICLES_WAITING_METRIC} (same group, tagged with the task id).
 *
 * <p>Articles first wait in a {@link ReorderBuffer} until every fan-out task upstream has passed
 * their ingest time (see {@link Progress}), {@link #RELEASE_BATCH} at a time: so they reach the
 * detector in the buffer's order however the partitions interleaved on the way, and a replay
 * raises the same alerts with the same ids. An article that arrives after one that sorts after
 * it was released (the pipeline stalled for longer than {@link UpstreamCaughtUp#IDLE_LAG}) is released
 * at once, out of order, and counted in {@value #OUT_OF_ORDER_METRIC}-total.
 *
 * <p>A waiting article that cannot be read or detected when its turn comes goes to the
 * dead-letter topic alone, built from the article itself (see {@link #deadLetter}); those
 * released with it go on. Alerts leave encoded, as dead letters do, so that both fit the
 * processor's one output type: to the children {@link AlertsTopology#ALERTS_SINK} (Avro) and
 * {@link AlertsTopology#ALERTS_JSON_SINK} (JSON), every alert to both, and
 * {@link AlertsTopology#DEAD_LETTERS_SINK}.
 */
final class DetectProcessor implements Processor<String, byte[], String, byte[]> {
  private static final Logger LOG = LoggerFactory.getLogger(DetectProcessor.class);
  static final String LATE_METRIC = "late-articles-dropped";
  static final String METRICS_GROUP = "stream-newswatch-metrics";
  static final String OUT_OF_ORDER_METRIC = "articles-out-of-order";
  /**
   * Articles handed to the detectors at most per record or punctuation, the rest on the next
   * ones (every {@link #RELEASE_EVERY}): a bulk import waits in the buffer whole, and releasing
   * it at once would hold the stream thread past its transaction timeout.
   */
  static final int RELEASE_BATCH = 500;
  static final Duration RELEASE_EVERY = Duration.ofMillis(100);

  private final DetectorSettings settings;
  private final WatchlistFactory watchlists;
  private final Deserializer<EnrichedArticle> articles;
  private final Serializer<Alert> alerts;
  private final Serializer<Alert> alertsJson;
  private ProcessorContext<String, byte[]> context;
  private Watchlist watchlist;
  private PlaceStates places;
  private KeyValueStore<String, Alert> recentAlerts;
  private ReorderBuffer waiting;
  private Sensor droppedLate;
  private Sensor waitingNow;
  private Sensor outOfOrder;
  /** Articles out of order since the last in order. */
  private long outOfOrderRun;
  private Progress.Upstreams upstreams;
  private final int enrichedPartitions;
  /**
   * The detectors of the places seen last, as they are in the store: each article still writes
   * its place's state through, but need not read and parse it back. Made anew whenever the task
   * is (re)initialised, so after an aborted transaction the store, restored, is read again.
   */
  private Map<String, Detector> detectors;
  private final UpstreamCaughtUp upstreamCaughtUp;

  DetectProcessor(DetectorSettings settings, WatchlistFactory watchlists,
      Deserializer<EnrichedArticle> articles, Serializer<Alert> alerts, Serializer<Alert> alertsJson,
      int enrichedPartitions, UpstreamCaughtUp upstreamCaughtUp) {
    this.settings = settings;
    this.enrichedPartitions = enrichedPartitions;
    this.upstreamCaughtUp = upstreamCaughtUp;
    this.watchlists = watchlists;
    this.articles = articles;
    this.alerts = alerts;
    this.alertsJson = alertsJson;
  }

  @Override
  public void init(ProcessorContext<String, byte[]> context) {
    this.context = context;
    this.detectors = BoundedMap.leastRecentlyUsed(AlertsTopology.PLACES_IN_MEMORY);
    this.watchlist = watchlists.open(context);
    this.places = new PlaceStates(context.getStateStore(AlertsTopology.PLACE_STATE_STORE),
        context.getStateStore(AlertsTopology.PLACE_STORIES_STORE),
        context.getStateStore(AlertsTopology.PLACE_ORIGINALS_STORE), AlertsTopology.PLACES_IN_MEMORY);
    this.recentAlerts = context.getStateStore(AlertsTopology.RECENT_ALERTS_STORE);
    this.waiting = new ReorderBuffer(context.getStateStore(AlertsTopology.REORDER_STORE), articles,
        new ReorderBuffer.Release() {
          @Override
          public void accept(String placeKey, EnrichedArticle article, double feedPerDay) {
            detect(placeKey, article, feedPerDay);
          }

          @Override
          public void reject(String placeKey, byte[] article, RuntimeException failure) {
            deadLetter(placeKey, article, failure);
          }
        });
    this.droppedLate = context.metrics().addRateTotalSensor("newswatch",
        "detect-" + context.taskId(), LATE_METRIC, Sensor.RecordingLevel.INFO);
    String waitingName = AlertsTopology.ARTICLES_WAITING_METRIC;
    this.waitingNow = context.metrics().addSensor("detect-" + context.taskId() + "-" + waitingName,
        Sensor.RecordingLevel.INFO);
    waitingNow.add(new MetricName(waitingName, METRICS_GROUP,
        "articles in the task's reorder buffer, not yet handed to their detectors",
        Map.of("task-id", context.taskId().toString())), new Value());
    waitingNow.record(waiting.size());
    this.outOfOrder = context.metrics().addRateTotalSensor("newswatch",
        "detect-" + context.taskId(), OUT_OF_ORDER_METRIC, Sensor.RecordingLevel.INFO);
    // A task that has just started (after a crash, with a restored buffer) knows its upstreams'
    // progress from its store: what it holds still waits for what is on its way.
    this.upstreams = new Progress.Upstreams(enrichedPartitions, context.getStateStore(AlertsTopology.PROGRESS_STORE));
    context.schedule(RELEASE_EVERY, PunctuationType.WALL_CLOCK_TIME, now -> {
      releaseDue();
      waitingNow.record(waiting.size());
    });
  }

  @Override
  public void close() {
    context.metrics().removeSensor(droppedLate);
    context.metrics().removeSensor(waitingNow);
    context.metrics().removeSensor(outOfOrder);
  }

  /** An article's copy for a place, or a fan-out task's progress marker (see {@link PlaceFanOut}). */
  @Override
  public void process(Record<String, byte[]> record) {
    if (Progress.isMarker(record.headers())) {
      upstreams.report(Progress.upstream(record.value()), Progress.report(record.value()));
    } else if (waiting.add(record.key(), record.value(), record.headers())) {
      // the first of a run is logged: a stall upstream longer than UpstreamCaughtUp.IDLE_LAG, or an
      // enriched partition out of ingest order by more than Progress.DISORDER
      if (outOfOrderRun++ == 0) {
        LOG.warn("task {}: an article for place {} came after later ones were released; it is released at once, "
            + "out of order (the alerts from here can differ from an ordered run's)", context.taskId(), record.key());
      }
      outOfOrder.record();
    } else {
      outOfOrderRun = 0;
    }
    releaseDue();
    waitingNow.record(waiting.size());
  }

  /** Releases up to {@link #RELEASE_BATCH} of the articles ingested before the time every upstream has passed. */
  private void releaseDue() {
    upstreams.passed(upstreamCaughtUp.at(context.currentSystemTimeMs()))
        .ifPresent(passed -> waiting.releaseUpTo(Instant.ofEpochMilli(passed - 1), RELEASE_BATCH));
  }

  /**
   * Sends a waiting article that could not be read or detected to the dead-letter topic, as the
   * bytes it waited as, keyed by its place. Built from the article, not from the context's
   * record: an article is released by another's arrival, or by a punctuation, which has none.
   */
  private void deadLetter(String placeKey, byte[] article, RuntimeException failure) {
    // it may have failed half way through its detector: the place's next article reads the store
    detectors.remove(placeKey);
    String reason = failure.getMessage() == null ? failure.toString() : failure.getMessage();
    LOG.warn("task {}: article for place {} dead-lettered: {}", context.taskId(), placeKey, reason);
    Headers headers = new RecordHeaders();
    DeadLetters.put(headers, DeadLetters.REASON, reason);
    DeadLetters.put(headers, DeadLetters.STAGE, "alerts");
    DeadLetters.put(headers, DeadLetters.ORIGIN, AlertsTopology.byPlaceTopic(context.applicationId()));
    context.forward(new Record<>(placeKey, article, context.currentSystemTimeMs(), headers),
        AlertsTopology.DEAD_LETTERS_SINK);
  }

  private void detect(String placeKey, EnrichedArticle article, double feedPerDay) {
    long placeId = Long.parseLong(placeKey);
    PlaceMention place = article.getPlaces().stream()
        .filter(p -> p.getGeonameId() == placeId).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(
            "article " + article.getId() + " does not mention place " + placeKey));
    Optional<Level> minLevel = watchlist.minLevel(place);
    if (minLevel.isEmpty()) {
      return; // unwatched since the article was re-keyed: not counted, its state kept for a new watch
    }
    long publishedAt = article.getPublishedAt().toEpochMilli();
    Detector detector = Detector.forArticle(settings, detectors.get(placeKey), () -> places.get(placeKey),
        place, publishedAt);
    detectors.put(placeKey, detector);
    Detector.Outcome outcome = detector.onArticle(article, feedPerDay);
    if (outcome.droppedLate()) {
      droppedLate.record();
    }
    places.put(placeKey, detector.state());
    outcome.alert().filter(a -> a.getLevel().compareTo(minLevel.get()) >= 0).ifPresent(a -> {
      RecentAlerts.add(recentAlerts, a);
      // stamped with the time newswatch got the article, not its event time: the topic's
      // retention counts from the record time, and an alert about 2022 is news today
      long recordTime = article.getIngestedAt().toEpochMilli();
      context.forward(new Record<>(placeKey, alerts.serialize(null, a), recordTime), AlertsTopology.ALERTS_SINK);
      context.forward(new Record<>(placeKey, alertsJson.serialize(null, a), recordTime), AlertsTopology.ALERTS_JSON_SINK);
    });
  }
}
