package io.newswatch.alerts.topology;

import io.newswatch.alerts.detector.DetectorSettings;
import io.newswatch.alerts.detector.FeedVolume;
import io.newswatch.alerts.detector.PlaceState;
import io.newswatch.alerts.watchlist.WatchFilter;
import io.newswatch.alerts.webhook.Payloads;
import io.newswatch.avro.Alert;
import io.newswatch.avro.EnrichedArticle;
import io.newswatch.avro.PayloadFormat;
import io.newswatch.avro.Watch;
import io.newswatch.schemas.Topic;
import io.newswatch.schemas.Topics;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The alerts topology. It only wires: enriched articles are counted in the feed's volume and
 * re-keyed by watched place (through a repartition topic; see {@link PlaceFanOut}), each place's
 * {@link io.newswatch.alerts.detector.Detector} state lives in a persistent store, and alerts go
 * to the alerts topic keyed by place id, and again, as the JSON document a webhook receives, to
 * the JSON alerts topic with the same key.
 * The watchlist topic is read as a global table, so adding or removing a watch takes effect
 * on every instance at once.
 *
 * <p>A record that cannot be read, or an article the fan-out refuses, goes to the dead-letter
 * topic through Kafka Streams' handlers ({@link io.newswatch.schemas.StreamsDefaults}); an
 * article that waited and then cannot be read or detected, through the detector's own sink
 * ({@link DetectProcessor}), as the handlers would name the record being processed instead.
 */
public final class AlertsTopology {
  /** Global store of the watchlist topic: place id (decimal string) to {@link Watch}. */
  public static final String WATCHLIST_STORE = "watchlist";
  /**
   * Detector state per place: place id (decimal string) to {@link PlaceState}, as JSON, its
   * buckets without their stories: those are in {@link #PLACE_STORIES_STORE} (see {@link PlaceStates}).
   */
  public static final String PLACE_STATE_STORE = "place-state";
  /** The stories in the places' windows: placeId/bucketStart/index to {@link PlaceState.Story}, as JSON. */
  public static final String PLACE_STORIES_STORE = "place-stories";
  /** The places' latest originals, for telling copies: placeId/publishedAt/articleId to fingerprint (see {@link PlaceStates}). */
  public static final String PLACE_ORIGINALS_STORE = "place-originals";
  /**
   * Published alerts of the last {@link RecentAlerts#RETENTION}, in detection order: key
   * {@link SortableTime detection time}/alertId to {@link Alert}.
   */
  public static final String RECENT_ALERTS_STORE = "recent-alerts";
  /** Articles waiting to reach their detector in event-time order: see {@link ReorderBuffer}. */
  public static final String REORDER_STORE = "reorder-buffer";
  /** How far each partition of the enriched topic has come, as its fan-out task last reported: see {@link Progress}. */
  public static final String PROGRESS_STORE = "upstream-progress";
  /**
   * The fan-out task's count of the feed's volume ({@link FeedVolume}):
   * one entry per task, the volume of its partition of the enriched topic.
   */
  public static final String FEED_VOLUME_STORE = "feed-volume";
  /**
   * Gauge (group {@code stream-newswatch-metrics}, per task): articles read but still waiting in
   * the reorder buffer, so the stage has caught up when its consumers have and this is 0.
   */
  public static final String ARTICLES_WAITING_METRIC = "articles-waiting";
  /**
   * Places whose detector, and what is stored of it, a task keeps in memory: at most their
   * windows' stories (some ten kilobytes a place) and their originals (a few hundred
   * bytes each, see {@code newswatch bench copies}).
   */
  public static final int PLACES_IN_MEMORY = 1_000;
  /** Names the repartition topic: {@code <application.id>-articles-by-place-repartition}. */
  public static final String BY_PLACE = "articles-by-place";
  /** The detector's child that writes alerts. */
  static final String ALERTS_SINK = "alerts";
  /** The detector's child that writes alerts as JSON. */
  static final String ALERTS_JSON_SINK = "alerts-json";
  /** The detector's child that writes the dead letters of articles it could not release. */
  static final String DEAD_LETTERS_SINK = "dead-letters";

  private AlertsTopology() {}

  /**
   * Tracks the places on the watchlist topic. {@code enrichedPartitions} is the number of
   * partitions of the enriched topic: the feed's volume is that many times what one task reads.
   */
  public static Topology build(Topics topics, DetectorSettings settings, int enrichedPartitions) {
    return build(topics, settings, WatchFilter.none(), enrichedPartitions);
  }

  /**
   * Tracks the places on the watchlist topic and those {@code alwaysWatched} lets through; see
   * {@link #build(Topics, DetectorSettings, int)}.
   */
  public static Topology build(Topics topics, DetectorSettings settings, WatchFilter alwaysWatched,
      int enrichedPartitions) {
    return build(topics, settings, alwaysWatched, enrichedPartitions, UpstreamCaughtUp.ALWAYS);
  }

  /**
   * As {@link #build(Topics, DetectorSettings, WatchFilter, int)}, in a pipeline whose enrich
   * stage says when it has caught up ({@link UpstreamCaughtUp}): a running pipeline's.
   */
  public static Topology build(Topics topics, DetectorSettings settings, WatchFilter alwaysWatched,
      int enrichedPartitions, UpstreamCaughtUp upstreamCaughtUp) {
    if (enrichedPartitions < 1) {
      throw new IllegalArgumentException("the enriched topic has at least one partition");
    }
    StreamsBuilder builder = new StreamsBuilder();
    Topic<String, Watch> watchlist = topics.watchlist();
    // The stage reads neither an article's text nor where names occur in it: their bytes are
    // skipped. The fan-out's copies have neither, so they are written and read whole.
    Topic<String, EnrichedArticle> enriched = topics.enrichedWithoutText();
    Serde<EnrichedArticle> copies = topics.enriched().valueSerde();
    Topic<String, Alert> alerts = topics.alerts();
    Topic<String, String> alertsJson = topics.alertsJson();
    WatchlistFactory watchlists = new WatchlistFactory(alwaysWatched);

    builder.globalTable(watchlist.name(),
        Consumed.with(watchlist.keySerde(), watchlist.valueSerde()),
        Materialized.<String, Watch, KeyValueStore<Bytes, byte[]>>as(WATCHLIST_STORE)
            .withKeySerde(watchlist.keySerde())
            .withValueSerde(watchlist.valueSerde()));
    // Cached: a busy place's summary changes with every article about it, and the cache hands
    // RocksDB and the changelog its last state at each commit rather than every one.
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(PLACE_STATE_STORE), Serdes.String(),
        StateFormat.placeStates()).withCachingEnabled());
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(PLACE_STORIES_STORE), Serdes.String(),
        StateFormat.stories()));
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(PLACE_ORIGINALS_STORE), Serdes.String(), Serdes.Long()));
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(RECENT_ALERTS_STORE), Serdes.String(), alerts.valueSerde()));
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(REORDER_STORE), Serdes.String(), Serdes.ByteArray()));
    // Cached: markers come from every upstream every 100 ms under load, and a restart needs only the last.
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(PROGRESS_STORE), Serdes.Integer(), Serdes.ByteArray()).withCachingEnabled());
    // Cached: every article changes it, and the changelog needs only its last value per commit.
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(FEED_VOLUME_STORE), Serdes.String(),
        StateFormat.feedVolumes()).withCachingEnabled());

    KStream<String, byte[]> detected = builder.stream(enriched.name(),
            Consumed.with(enriched.keySerde(), enriched.valueSerde()))
        .process(() -> new PlaceFanOut(watchlists, copies.serializer(), settings, enrichedPartitions),
            Named.as("watched-places"), FEED_VOLUME_STORE)
        .repartition(Repartitioned.with(Serdes.String(), Serdes.ByteArray()).withName(BY_PLACE)
            .withStreamPartitioner(new Progress.Multicast()))
        .process(() -> new DetectProcessor(settings, watchlists, copies.deserializer(),
                alerts.valueSerde().serializer(), asWebhookJson(alertsJson), enrichedPartitions,
                upstreamCaughtUp),
            Named.as("detect"),
            PLACE_STATE_STORE, PLACE_STORIES_STORE, PLACE_ORIGINALS_STORE, RECENT_ALERTS_STORE, REORDER_STORE, PROGRESS_STORE);
    detected.to(alerts.name(), Produced.with(alerts.keySerde(), Serdes.ByteArray()).withName(ALERTS_SINK));
    detected.to(alertsJson.name(), Produced.with(alertsJson.keySerde(), Serdes.ByteArray()).withName(ALERTS_JSON_SINK));
    detected.to(topics.deadLetter().name(), Produced.with(Serdes.String(), Serdes.ByteArray())
        .withName(DEAD_LETTERS_SINK));
    return builder.build();
  }

  /** Encodes an alert as the JSON body of a webhook, so that the topic and the POSTs never differ. */
  private static Serializer<Alert> asWebhookJson(Topic<String, String> alertsJson) {
    Serializer<String> text = alertsJson.valueSerde().serializer();
    return (topic, alert) -> text.serialize(topic, Payloads.of(alert, PayloadFormat.JSON));
  }

  /** Whether a record of the by-place topic is a fan-out task's progress marker, not an article's copy. */
  public static boolean isProgressMarker(Headers headers) {
    return Progress.isMarker(headers);
  }

  /** The repartition topic the detector reads, of application {@code applicationId}. */
  static String byPlaceTopic(String applicationId) {
    return applicationId + "-" + BY_PLACE + "-repartition";
  }
}
