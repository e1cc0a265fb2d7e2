package io.newswatch.cli;

import io.newswatch.schemas.Topics;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * How a command reaches Kafka. Kafka client properties (security settings included)
 * pass through unchanged, from a properties file, then {@code NEWSWATCH_KAFKA_*}
 * environment variables, then {@code -X key=value}: a later source wins.
 */
public final class ClusterOptions {
  static final String ENV_PREFIX = "NEWSWATCH_KAFKA_";

  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
      defaultValue = "${env:NEWSWATCH_BOOTSTRAP_SERVERS}",
      description = "Kafka cluster to use (env NEWSWATCH_BOOTSTRAP_SERVERS).")
  String bootstrapServers;

  @Option(names = "--config", paramLabel = "FILE", defaultValue = "${env:NEWSWATCH_CONFIG}",
      description = "Properties file of Kafka client settings, e.g. security.protocol (env NEWSWATCH_CONFIG).")
  Path configFile;

  @Option(names = {"-X", "--kafka-property"}, paramLabel = "KEY=VALUE",
      description = "Any Kafka client property, passed through unchanged (repeatable).")
  Map<String, String> kafkaProperties = new LinkedHashMap<>();

  @Option(names = "--topic-prefix", paramLabel = "PREFIX", defaultValue = "${env:NEWSWATCH_TOPIC_PREFIX:-}",
      description = "Prefix of every topic name, to share a cluster (env NEWSWATCH_TOPIC_PREFIX).")
  String topicPrefix;

  public Topics topics() {
    return Topics.withPrefix(topicPrefix);
  }

  /** True when the user named a cluster, in a flag, the environment or the config file. */
  public boolean hasCluster() {
    return bootstrapServers != null && !bootstrapServers.isBlank()
        || clientProperties(null).containsKey("bootstrap.servers");
  }

  /** The Kafka client properties, for a cluster the user named. */
  public Properties clientProperties() {
    if (!hasCluster()) {
      throw new UserError("no Kafka cluster given: pass --bootstrap-servers HOST:PORT "
          + "(or set NEWSWATCH_BOOTSTRAP_SERVERS), or run everything locally with `newswatch up`");
    }
    return clientProperties(bootstrapServers);
  }

  /** The Kafka client properties, with {@code bootstrap} (when not null) as the cluster. */
  public Properties clientProperties(String bootstrap) {
    Properties props = new Properties();
    if (configFile != null) {
      try (Reader in = Files.newBufferedReader(configFile)) {
        props.load(in);
      } catch (IOException e) {
        throw new UserError("cannot read --config " + configFile + ": " + e.getMessage());
      }
    }
    System.getenv().forEach((name, value) -> {
      if (name.startsWith(ENV_PREFIX)) {
        props.put(name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
      }
    });
    props.putAll(kafkaProperties);
    if (bootstrap != null && !bootstrap.isBlank()) {
      props.put("bootstrap.servers", bootstrap);
    }
    return props;
  }
}
