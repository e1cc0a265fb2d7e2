package io.newswatch.cli;

import io.newswatch.cli.pipeline.Replication;
import java.util.Properties;
import picocli.CommandLine.Option;

/** How many replicas the topics a command creates get: {@code topics create}, {@code up} and the stages. */
public final class ReplicationOptions {
  @Option(names = "--replication-factor", paramLabel = "N", defaultValue = "${env:NEWSWATCH_REPLICATION_FACTOR}",
      description = "Replicas of each partition of the topics it creates, Kafka Streams' changelog and repartition "
          + "topics included (env NEWSWATCH_REPLICATION_FACTOR; default: 3, or the number of brokers of a "
          + "smaller cluster).")
  Short factor;

  /** The factor asked for, or the default for the cluster {@code client} reaches. */
  public short resolve(Properties client) {
    try {
      return Replication.of(client, factor);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }
}
