package io.newswatch.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bench's CPU split, on snapshots of given figures: each thread's time lands in its group,
 * what no live thread accounts for in the VM's, and the groups, largest first, add up to what
 * the process spent, as the total on the bench's CPU line is their sum.
 */
class CpuUseTest {
  @Test
  void eachThreadsTimeLandsInItsGroupTheRestInTheVmsAndTheGroupsAddUpToTheProcess() {
    CpuUse before = new CpuUse(1_000, Map.of(1L, 100L, 2L, 50L, 3L, 40L),
        Map.of(1L, "enrich-1", 2L, "broker-1", 3L, "ended"));
    // thread 3 ended in between, thread 4 started
    CpuUse after = new CpuUse(2_000, Map.of(1L, 500L, 2L, 250L, 4L, 100L),
        Map.of(1L, "enrich-1", 2L, "broker-1", 4L, "enrich-2"));

    Map<String, Long> byGroup = after.byGroupSince(before, name -> name.startsWith("enrich") ? "enrich" : "broker");

    assertThat(byGroup).containsExactly(entry("enrich", 500L), entry(CpuUse.VM, 300L), entry("broker", 200L));
    assertThat(byGroup.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(after.nanosSince(before));
  }

  @Test
  void aSnapshotOfThisJvmNamesItsLiveThreads() {
    CpuUse now = CpuUse.now();
    String me = Thread.currentThread().getName();

    assertThat(now.byGroupSince(now, name -> name.equals(me) ? "this thread" : "others"))
        .containsKeys("this thread", CpuUse.VM);
  }

  @Test
  void perArticleIsTheTotalThenEachGroupInMicroseconds() {
    Map<String, Long> byGroup = new LinkedHashMap<>();
    byGroup.put("enrich", 6_000_000L);
    byGroup.put("broker", 3_000_000L);

    assertThat(CpuUse.perArticle(byGroup, 1_000)).isEqualTo("9 us (enrich 6, broker 3)");
  }
}
