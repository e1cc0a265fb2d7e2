package io.newswatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ClusterOptionsTest {
  @TempDir Path dir;

  static ClusterOptions parse(String... args) {
    ClusterOptions options = new ClusterOptions();
    new CommandLine(options).parseArgs(args);
    return options;
  }

  @Test
  void anyKafkaClientPropertyPassesThroughAndFlagsWinOverTheFile() throws Exception {
    Path config = dir.resolve("client.properties");
    Files.writeString(config, "security.protocol=SASL_SSL\nsasl.mechanism=PLAIN\nbootstrap.servers=file:9092\n");

    var props = parse("--config", config.toString(), "-X", "sasl.mechanism=SCRAM-SHA-512",
        "--bootstrap-servers", "flag:9092").clientProperties();

    assertThat(props).containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
        .containsEntry("bootstrap.servers", "flag:9092");
  }

  @Test
  void aClusterInTheConfigFileIsACluster() throws Exception {
    Path config = dir.resolve("client.properties");
    Files.writeString(config, "bootstrap.servers=file:9092\n");

    ClusterOptions options = parse("--config", config.toString(), "--bootstrap-servers", "");

    assertThat(options.hasCluster()).isTrue();
    assertThat(options.clientProperties()).containsEntry("bootstrap.servers", "file:9092");
  }

  @Test
  void theTopicPrefixRenamesTopics() {
    assertThat(parse("--topic-prefix", "desk.").topics().alerts().name()).isEqualTo("desk.news.alerts");
  }
}
