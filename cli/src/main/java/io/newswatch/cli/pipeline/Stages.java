package io.newswatch.cli.pipeline;

import io.newswatch.alerts.detector.DetectorSettings;
import io.newswatch.alerts.topology.AlertsTopology;
import io.newswatch.alerts.watchlist.WatchFilter;
import io.newswatch.enrich.Enricher;
import io.newswatch.enrich.topology.EnrichTopology;
import io.newswatch.schemas.Topics;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The two Streams stages, started the same way by {@code up} and by the stage commands. Each
 * creates its internal topics with {@code replication} replicas ({@link Replication}).
 */
public final class Stages {
  private Stages() {}

  public static StreamsApp startEnrich(Properties clientProperties, Topics topics, short replication, Path stateDir,
      Enricher enricher) {
    return StreamsApp.start("enrich", EnrichTopology.build(topics, enricher), clientProperties, topics, stateDir,
        replicated(replication));
  }

  /**
   * The alerts stage; {@code alwaysWatched} adds places to those of the watchlist topic.
   * {@code httpApi} is where other instances reach this one's HTTP API ({@code application.server}).
   * The enriched topic must exist: the detector counts the feed's volume per partition of it.
   * So must the JSON alerts topic: on a cluster whose topics were made before the catalog had
   * it, the stage refuses to start, naming {@code topics create}, rather than have the broker
   * auto-create it with its own defaults.
   */
  public static StreamsApp startAlerts(Properties clientProperties, Topics topics, short replication, Path stateDir,
      DetectorSettings settings, WatchFilter alwaysWatched, HostInfo httpApi) {
    Properties overrides = replicated(replication);
    overrides.put("application.server", httpApi.host() + ":" + httpApi.port());
    int enrichedPartitions = TopicSetup.partitions(clientProperties, topics.enriched().name());
    TopicSetup.partitions(clientProperties, topics.alertsJson().name());
    EnrichCaughtUp enrichCaughtUp = EnrichCaughtUp.watch(clientProperties,
        StreamsApp.applicationId(topics, "enrich"), topics.raw().name());
    return StreamsApp.start("alerts",
        AlertsTopology.build(topics, settings, alwaysWatched, enrichedPartitions, enrichCaughtUp),
        clientProperties, topics, stateDir, overrides, enrichCaughtUp);
  }

  /**
   * The Streams setting that gives a stage's internal topics {@code replication} replicas; left
   * unset, Kafka Streams takes the broker's default.replication.factor, which is 1 unless set.
   */
  public static Properties replicated(short replication) {
    Properties props = new Properties();
    props.put("replication.factor", Short.toString(replication));
    return props;
  }
}
