package io.newswatch.cli.pipeline;

import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * How many replicas each partition of the topics newswatch creates gets: the catalog's topics
 * and Kafka Streams' internal ones (changelogs, repartition topics) alike. Left to the broker's
 * default (1 unless set), a stage's state and the articles between its steps would live on one
 * broker each, and losing that broker would stop the stage. How many replicas a write needs in
 * sync is the cluster's setting ({@code min.insync.replicas}), which newswatch leaves to it.
 */
public final class Replication {
  private static final int MOST_BY_DEFAULT = 3;

  private Replication() {}

  /** The factor when none is asked for: three, or every broker of a smaller cluster. */
  public static short byDefault(int brokers) {
    return (short) Math.min(MOST_BY_DEFAULT, brokers);
  }

  /**
   * The factor {@code asked} for (null: {@link #byDefault}) on the cluster {@code clientProperties}
   * reach, counting its brokers, the fenced ones too: a broker that is down now is still one the
   * topics live on. Fails with one line when the cluster has too few brokers for it.
   */
  public static short of(Properties clientProperties, Short asked) {
    try (Admin admin = Admin.create(clientProperties)) {
      int brokers = admin.describeCluster(new DescribeClusterOptions().includeFencedBrokers(true)).nodes().get().size();
      short factor = asked != null ? asked : byDefault(brokers);
      Optional<String> problem = problem(factor, brokers);
      if (problem.isPresent()) {
        throw new IllegalArgumentException(problem.get());
      }
      return factor;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while counting the cluster's brokers", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot count the cluster's brokers: " + e.getCause().getMessage(), e.getCause());
    }
  }

  /** Why {@code factor} cannot work on a cluster of {@code brokers}, if it cannot. */
  static Optional<String> problem(short factor, int brokers) {
    if (factor < 1) {
      return Optional.of("the replication factor must be at least 1, not " + factor);
    }
    if (factor > brokers) {
      return Optional.of("replication factor " + factor + " needs " + factor + " brokers; the cluster has " + brokers);
    }
    return Optional.empty();
  }
}
