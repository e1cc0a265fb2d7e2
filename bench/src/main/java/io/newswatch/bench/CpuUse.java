package io.newswatch.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The CPU time this process spent between two moments, split by who spent it: the bench runs
 * the broker, the stages and the load in one JVM, so this says which of them bounds a figure.
 * Threads are put in groups by name ({@code groupOf}); what no live thread accounts for (the
 * JIT compiler and GC threads, which are hidden from {@link ThreadMXBean}, and threads that
 * ended in between) is the group {@value #VM}.
 */
final class CpuUse {
  static final String VM = "JIT, GC and ended threads";

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final long processNanos;
  private final Map<Long, Long> threadNanos;
  private final Map<Long, String> threadNames;

  /** A snapshot of given figures: the process's CPU nanoseconds, and each live thread's by id, with its name. */
  CpuUse(long processNanos, Map<Long, Long> threadNanos, Map<Long, String> threadNames) {
    this.processNanos = processNanos;
    this.threadNanos = threadNanos;
    this.threadNames = threadNames;
  }

  static CpuUse now() {
    Map<Long, Long> nanos = new HashMap<>();
    Map<Long, String> names = new HashMap<>();
    for (ThreadInfo thread : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
      if (thread != null) {
        long cpu = THREADS.getThreadCpuTime(thread.getThreadId());
        if (cpu >= 0) {
          nanos.put(thread.getThreadId(), cpu);
          names.put(thread.getThreadId(), thread.getThreadName());
        }
      }
    }
    long process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
    return new CpuUse(process, nanos, names);
  }

  /**
   * Nanoseconds of CPU spent from {@code before} to this moment, by group, largest first; the
   * groups add up to what the process spent.
   */
  Map<String, Long> byGroupSince(CpuUse before, Function<String, String> groupOf) {
    Map<String, Long> byGroup = new HashMap<>();
    long threads = 0;
    for (Map.Entry<Long, Long> thread : threadNanos.entrySet()) {
      long spent = thread.getValue() - before.threadNanos.getOrDefault(thread.getKey(), 0L);
      byGroup.merge(groupOf.apply(threadNames.get(thread.getKey())), spent, Long::sum);
      threads += spent;
    }
    byGroup.merge(VM, Math.max(0, processNanos - before.processNanos - threads), Long::sum);
    Map<String, Long> largestFirst = new LinkedHashMap<>();
    byGroup.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(e -> largestFirst.put(e.getKey(), e.getValue()));
    return largestFirst;
  }

  /** Nanoseconds of CPU the whole process spent from {@code before} to this moment. */
  long nanosSince(CpuUse before) {
    return processNanos - before.processNanos;
  }

  /** Microseconds per article, in all and by group, e.g. "1,540 us (enrich 420, broker 330, ...)". */
  static String perArticle(Map<String, Long> byGroup, long articles) {
    long total = byGroup.values().stream().mapToLong(Long::longValue).sum();
    return String.format("%,d us (%s)", micros(total, articles), byGroup.entrySet().stream()
        .map(e -> e.getKey() + " " + String.format("%,d", micros(e.getValue(), articles)))
        .collect(Collectors.joining(", ")));
  }

  private static long micros(long nanos, long articles) {
    return Math.round(nanos / 1e3 / articles);
  }
}
