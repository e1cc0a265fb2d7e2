package io.newswatch.cli.pipeline;

import io.newswatch.schemas.StreamsDefaults;
import io.newswatch.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One Kafka Streams application of the pipeline (enrich or alerts), started and closed. */
public final class StreamsApp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StreamsApp.class);

  private final String name;
  private final KafkaStreams streams;
  /** What the app's topology calls on and must stop with it. */
  private final List<AutoCloseable> companions;

  private StreamsApp(String name, KafkaStreams streams, List<AutoCloseable> companions) {
    this.name = name;
    this.streams = streams;
    this.companions = companions;
  }

  /**
   * Starts {@code topology} as application {@code <prefix>newswatch-<name>}, with the
   * shared Streams defaults, then the user's client properties, then {@code overrides}; closing
   * the app closes {@code companions} after it.
   */
  public static StreamsApp start(String name, Topology topology, Properties clientProperties, Topics topics,
      Path stateDir, Properties overrides, AutoCloseable... companions) {
    Properties props = StreamsDefaults.properties(
        applicationId(topics, name), clientProperties.getProperty("bootstrap.servers"), topics);
    props.putAll(clientProperties);
    props.put("state.dir", stateDir.resolve(name).toString());
    props.putAll(overrides);
    KafkaStreams streams = new KafkaStreams(topology, props);
    streams.setUncaughtExceptionHandler(new ThreadReplacements(name, System::currentTimeMillis));
    streams.setStateListener((now, before) -> LOG.info("{}: {} -> {}", name, before, now));
    streams.start();
    return new StreamsApp(name, streams, List.of(companions));
  }

  /** The application id, and so the consumer group, of stage {@code name}. */
  public static String applicationId(Topics topics, String name) {
    return topics.prefix() + "newswatch-" + name;
  }

  public String name() {
    return name;
  }

  public KafkaStreams streams() {
    return streams;
  }

  public boolean isRunning() {
    return streams.state() == KafkaStreams.State.RUNNING;
  }

  @Override
  public void close() {
    // Leave the group on close, so a restart does not wait for the session to time out.
    streams.close(CloseOptions.timeout(Duration.ofSeconds(30))
        .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
    for (AutoCloseable companion : companions) {
      try {
        companion.close();
      } catch (Exception e) {
        LOG.warn("{}: closing {}: {}", name, companion, e.getMessage());
      }
    }
  }
}
