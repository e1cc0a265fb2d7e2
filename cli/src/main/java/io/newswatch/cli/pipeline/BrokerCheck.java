package io.newswatch.cli.pipeline;

import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;

/** Whether the Kafka cluster answers, asked at most every few seconds, for {@code /ready}. */
public final class BrokerCheck implements AutoCloseable {
  private static final long RECHECK_MILLIS = 5_000;

  private final Admin admin;
  private long checkedAt; // epoch millis of the last check; 0: never
  private boolean reachable;

  private BrokerCheck(Admin admin) {
    this.admin = admin;
  }

  public static BrokerCheck connect(Properties clientProperties) {
    return new BrokerCheck(Admin.create(clientProperties));
  }

  public synchronized boolean reachable() {
    long now = System.currentTimeMillis();
    if (now - checkedAt > RECHECK_MILLIS) {
      try {
        reachable = !admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty();
      } catch (Exception e) {
        reachable = false;
      }
      checkedAt = now;
    }
    return reachable;
  }

  @Override
  public void close() {
    admin.close();
  }
}
