package io.newswatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.cli.broker.LocalCluster;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalClusterTest {
  @TempDir Path dir;

  /**
   * {@code bench e2e --brokers 3} runs newswatch on brokers set as docker-compose.yml's three:
   * the same settings, no more, no fewer (ClusterIT reads them from the file itself).
   */
  @Test
  void threeLocalBrokersAreSetAsDockerComposeSetsItsThree() throws Exception {
    List<Properties> nodes = LocalCluster.nodes(dir, 3, LocalCluster.settings(3));

    assertThat(ComposeFile.brokerSettings()).containsEntry("min.insync.replicas", "2")
        .containsAllEntriesOf(LocalCluster.settings(3));
    assertThat(nodes).allSatisfy(node -> assertThat(node).containsAllEntriesOf(ComposeFile.brokerSettings()));
    assertThat(nodes).extracting(node -> node.getProperty("controller.quorum.voters")).as("one quorum of all three")
        .containsOnly(nodes.get(0).getProperty("controller.quorum.voters"))
        .allSatisfy(voters -> assertThat(voters.split(",")).hasSize(3));
  }
}
