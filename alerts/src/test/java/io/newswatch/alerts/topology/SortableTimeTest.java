package io.newswatch.alerts.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SortableTimeTest {
  /** Keys sort as their times do, which the "alerts since" scan and the reorder buffer rely on. */
  @Test
  void keysSortInTimeOrder() {
    assertThat(SortableTime.of(Instant.EPOCH)).isEqualTo("0000000000000");
    assertThat(SortableTime.of(Instant.ofEpochMilli(999))).isEqualTo("0000000000999");
    assertThat(SortableTime.of(Instant.parse("1969-12-31T00:00:00Z"))).as("before 1970: the first key")
        .isEqualTo("0000000000000");
    assertThat(SortableTime.of(Instant.parse("2025-11-20T12:00:00Z")))
        .isEqualTo("1763640000000")
        .isLessThan(SortableTime.of(Instant.parse("2025-11-20T12:00:00.001Z")));
  }
}
