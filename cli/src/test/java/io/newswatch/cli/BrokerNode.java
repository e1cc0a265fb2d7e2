package io.newswatch.cli;

import io.newswatch.cli.broker.LocalBroker;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * One node of a test's cluster in a JVM of its own, so that the test can kill it with
 * {@code kill -9}. Arguments: the node's properties file, the cluster id.
 */
public final class BrokerNode {
  private BrokerNode() {}

  public static void main(String[] args) throws Exception {
    Properties props = new Properties();
    try (Reader in = Files.newBufferedReader(Path.of(args[0]))) {
      props.load(in);
    }
    LocalBroker.start(props, args[1]);
    Thread.currentThread().join(); // runs until the process is killed
  }
}
