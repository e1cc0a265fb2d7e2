package io.newswatch.bench;

import java.lang.management.ManagementFactory;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The bytes the brokers running in this JVM have appended to their logs, by topic, as the
 * brokers' own metrics count them: {@code BytesInPerSec}, the batches producers sent (as they
 * compressed them), whatever the topic, changelogs and repartition topics included; and
 * {@code ReplicationBytesInPerSec}, what followers copied from the leaders. The counts only grow,
 * so a phase's bytes are the difference of two snapshots taken around it.
 *
 * @param byTopic bytes appended by leaders, by topic
 * @param replicated bytes followers appended, all topics together (0 on one broker)
 */
public record BrokerBytes(Map<String, Long> byTopic, long replicated) {
  private static final String METRICS = "kafka.server:type=BrokerTopicMetrics";

  /** What the brokers of this JVM have appended so far; nothing when none runs here. */
  public static BrokerBytes now() {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    try {
      Map<String, Long> byTopic = new HashMap<>();
      for (ObjectName name : server.queryNames(new ObjectName(METRICS + ",name=BytesInPerSec,topic=*"), null)) {
        String topic = name.getKeyProperty("topic");
        byTopic.put(topic.startsWith("\"") ? ObjectName.unquote(topic) : topic, count(server, name));
      }
      ObjectName replication = new ObjectName(METRICS + ",name=ReplicationBytesInPerSec");
      return new BrokerBytes(byTopic, server.isRegistered(replication) ? count(server, replication) : 0);
    } catch (JMException e) {
      throw new IllegalStateException("cannot read the broker's metrics: " + e.getMessage(), e);
    }
  }

  private static long count(MBeanServer server, ObjectName name) throws JMException {
    return ((Number) server.getAttribute(name, "Count")).longValue();
  }

  /** What was appended since {@code before}. */
  public BrokerBytes since(BrokerBytes before) {
    Map<String, Long> appended = new HashMap<>();
    byTopic.forEach((topic, bytes) -> {
      long more = bytes - before.byTopic.getOrDefault(topic, 0L);
      if (more > 0) {
        appended.put(topic, more);
      }
    });
    return new BrokerBytes(appended, replicated - before.replicated);
  }

  /** Bytes appended by leaders, all topics together. */
  public long total() {
    return byTopic.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Whether a broker of this JVM counted anything: none runs here when the bench uses a named cluster. */
  public boolean measured() {
    return !byTopic.isEmpty();
  }

  /**
   * Per article, e.g. "9.8 KB written per article, 2.2x its 4.5 KB of title and body (leaders'
   * appends, no replicas): raw 2.1 KB, enriched 3.1 KB, other 0.2 KB": the topics of at least a
   * twentieth of the total by name, {@code prefix} left out of it, the rest as "other".
   */
  public String perArticle(long articles, double textBytesPerArticle, String prefix) {
    double total = (double) total() / articles;
    Map<Boolean, Map<String, Long>> named = byTopic.entrySet().stream().collect(Collectors.partitioningBy(
        e -> e.getValue() * 20 >= total(), Collectors.toMap(e -> e.getKey(), e -> e.getValue())));
    String topics = named.get(true).entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
        .map(e -> String.format("%s %s", e.getKey().startsWith(prefix) ? e.getKey().substring(prefix.length())
            : e.getKey(), kilobytes((double) e.getValue() / articles)))
        .collect(Collectors.joining(", "));
    long rest = named.get(false).values().stream().mapToLong(Long::longValue).sum();
    return String.format("%s written per article, %.1fx its %s of title and body (leaders' appends%s): %s%s",
        kilobytes(total), total / textBytesPerArticle, kilobytes(textBytesPerArticle),
        replicated > 0 ? String.format("; followers copied %s more", kilobytes((double) replicated / articles))
            : ", no replicas",
        topics, rest > 0 ? ", other " + kilobytes((double) rest / articles) : "");
  }

  private static String kilobytes(double bytes) {
    return String.format("%.1f KB", bytes / 1000);
  }
}
