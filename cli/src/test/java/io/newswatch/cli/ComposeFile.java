package io.newswatch.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What {@code docker-compose.yml} gives each of its Kafka nodes (the environment of its
 * {@code x-kafka} block), read by the tests so that the brokers they run are set exactly as the
 * compose cluster's and cannot drift from them.
 */
final class ComposeFile {
  /** The tests run in the cli module's directory. */
  static final Path PATH = Path.of("..", "docker-compose.yml");
  /** Where a node listens and who votes: each host's own, which a test's nodes have on 127.0.0.1. */
  static final Set<String> ADDRESSES = Set.of("node.id", "listeners", "advertised.listeners", "controller.quorum.voters");

  private ComposeFile() {}

  /**
   * The broker settings, as Kafka properties, named as the apache/kafka image names them:
   * KAFKA_MIN_INSYNC_REPLICAS is min.insync.replicas (an underscore is a dot, two an underscore,
   * three a dash); the addresses left out.
   */
  static Map<String, String> brokerSettings() {
    Map<String, String> settings = new LinkedHashMap<>();
    kafkaEnvironment().forEach((name, value) -> {
      if (name.startsWith("KAFKA_")) {
        String property = name.substring("KAFKA_".length()).toLowerCase(Locale.ROOT)
            .replace("___", "-").replace("__", "\0").replace('_', '.').replace('\0', '_');
        if (!ADDRESSES.contains(property)) {
          settings.put(property, value);
        }
      }
    });
    return settings;
  }

  /** The id the nodes are formatted with. */
  static String clusterId() {
    return kafkaEnvironment().get("CLUSTER_ID");
  }

  /** The x-kafka block's environment: the indented NAME: value lines under its environment key. */
  private static Map<String, String> kafkaEnvironment() {
    List<String> lines;
    try {
      lines = Files.readAllLines(PATH);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int block = lines.indexOf("x-kafka: &kafka");
    if (block < 0) {
      throw new IllegalStateException("no x-kafka block in " + PATH);
    }
    int environment = block;
    while (!lines.get(environment).strip().startsWith("environment:")) {
      environment++;
    }
    int indent = indent(lines.get(environment));
    Map<String, String> variables = new LinkedHashMap<>();
    for (String line : lines.subList(environment + 1, lines.size())) {
      if (line.isBlank() || indent(line) <= indent) {
        break;
      }
      String[] nameAndValue = line.strip().split(":\\s*", 2);
      variables.put(nameAndValue[0], nameAndValue[1].replaceAll("^\"|\"$", ""));
    }
    if (variables.isEmpty()) {
      throw new IllegalStateException("no x-kafka environment in " + PATH);
    }
    return variables;
  }

  private static int indent(String line) {
    return line.length() - line.stripLeading().length();
  }
}
