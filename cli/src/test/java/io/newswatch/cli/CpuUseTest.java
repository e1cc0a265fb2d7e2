package io.newswatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The bench's CPU split puts a busy thread's time in its group and accounts for all of it. */
class CpuUseTest {
  @Test
  void aBusyThreadsTimeLandsInItsGroupLargestFirst() throws InterruptedException {
    CountDownLatch spun = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CpuUse before = CpuUse.now();
    Thread busy = new Thread(() -> {
      // until the thread has had 200 ms of CPU, however busy the machine is
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      while (threads.getCurrentThreadCpuTime() < 200_000_000L) {
        Thread.onSpinWait();
      }
      spun.countDown();
      awaitQuietly(release);
    }, "busy-worker");
    busy.start();
    spun.await();
    // taken while the thread lives: the time of a thread that has ended counts as the VM's
    CpuUse after = CpuUse.now();
    release.countDown();
    busy.join();

    Map<String, Long> byGroup = after.byGroupSince(before, name -> name.startsWith("busy") ? "busy" : "rest");

    assertThat(byGroup).containsOnlyKeys("busy", "rest", CpuUse.VM);
    assertThat(byGroup.get("busy")).isGreaterThanOrEqualTo(200_000_000L);
    assertThat(new ArrayList<>(byGroup.values())).isSortedAccordingTo(Comparator.reverseOrder());
  }

  @Test
  void perArticleIsTheTotalThenEachGroupInMicroseconds() {
    Map<String, Long> byGroup = new LinkedHashMap<>();
    byGroup.put("enrich", 6_000_000L);
    byGroup.put("broker", 3_000_000L);

    assertThat(CpuUse.perArticle(byGroup, 1_000)).isEqualTo("9 us (enrich 6, broker 3)");
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
