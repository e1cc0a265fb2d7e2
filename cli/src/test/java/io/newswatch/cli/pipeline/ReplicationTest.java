package io.newswatch.cli.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplicationTest {
  /** Three copies of everything where the cluster has them, and every broker of a smaller one. */
  @Test
  void theDefaultIsThreeReplicasOrEveryBrokerOfASmallerCluster() {
    assertThat(Replication.byDefault(1)).isEqualTo((short) 1);
    assertThat(Replication.byDefault(2)).isEqualTo((short) 2);
    assertThat(Replication.byDefault(3)).isEqualTo((short) 3);
    assertThat(Replication.byDefault(6)).isEqualTo((short) 3);
  }

  /** Said before anything starts, not by a stream thread failing to create its topics. */
  @Test
  void aFactorTheClusterHasNotTheBrokersForIsRefusedWithTheReason() {
    assertThat(Replication.problem((short) 3, 1)).hasValue("replication factor 3 needs 3 brokers; the cluster has 1");
    assertThat(Replication.problem((short) 0, 1)).hasValue("the replication factor must be at least 1, not 0");
    assertThat(Replication.problem((short) 3, 3)).isEmpty();
  }
}
