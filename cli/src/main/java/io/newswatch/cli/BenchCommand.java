package io.newswatch.cli;

import io.newswatch.avro.RawArticle;
import io.newswatch.enrich.Enricher;
import io.newswatch.enrich.text.ArticleText;
import io.newswatch.enrich.text.Tokens;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.ToIntFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Measures newswatch on this machine, one subcommand per stage. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measures how fast newswatch runs on this machine.",
    subcommands = {BenchCommand.Enrich.class})
final class BenchCommand {

  @Command(name = "enrich", mixinStandardHelpOptions = true,
      description = {"Measures tagging on one thread: articles per second of CPU time (per core), p50 and p99 "
          + "wall time per article, "
          + "the gazetteer's load time and the heap after loading. In the same run, a pass that only normalises "
          + "the text (clean text and folded words): the ceiling that tagging is compared with.",
          "Each pass warms up for --seconds, then is measured for --seconds."})
  static final class Enrich implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin EnrichmentOptions enrichmentOptions;

    @Option(names = "--in", paramLabel = "FILE",
        description = "Raw articles, JSON Lines, instead of the bundled 3-5 KB English articles.")
    Path in;

    @Option(names = "--articles", defaultValue = "500", paramLabel = "N",
        description = "How many bundled articles to assemble (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--seconds", defaultValue = "10", paramLabel = "S",
        description = "Warm-up and measured time of each pass (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      if (count < 1 || seconds < 1) {
        throw new UserError("--articles and --seconds must be at least 1");
      }
      long start = System.nanoTime();
      Enricher enricher = enrichmentOptions.enricher();
      double loadSeconds = (System.nanoTime() - start) / 1e9;
      out.printf("gazetteer: %,d places loaded in %.1f s; heap after load %d MB%n",
          enricher.gazetteer().size(), loadSeconds, heapMegabytes());

      List<RawArticle> articles = in == null ? BenchArticles.generate(count, 1)
          : RawArticleFiles.read(in, spec.commandLine().getErr());
      if (articles.isEmpty()) {
        throw new UserError("no articles in " + in);
      }
      double kilobytes = articles.stream()
          .mapToInt(a -> (a.getTitle() + a.getBody()).getBytes(StandardCharsets.UTF_8).length)
          .average().orElse(0) / 1000;
      out.printf("articles: %d, %.1f KB on average (%s)%n", articles.size(), kilobytes,
          in == null ? "bundled, English" : in);
      out.flush();

      Pass normalise = Pass.run(articles, seconds,
          a -> Tokens.of(ArticleText.clean(a.getTitle(), a.getBody()).text()).size());
      Pass tag = Pass.run(articles, seconds, a -> enricher.enrich(a).getPlaces().size());
      out.println("normalise only: " + normalise);
      out.printf("tag:            %s = %.0f%% of the normalise-only ceiling%n", tag,
          100 * tag.perSecond() / normalise.perSecond());
      return 0;
    }

    private static long heapMegabytes() {
      Runtime runtime = Runtime.getRuntime();
      System.gc();
      return (runtime.totalMemory() - runtime.freeMemory()) >> 20;
    }
  }

  /**
   * One timed pass over the articles, in a loop, on the calling thread. Throughput is per
   * second of that thread's CPU time, which is what one core gives: on a shared machine, wall
   * time would also count the time other processes held the core.
   */
  record Pass(double perSecond, double p50Millis, double p99Millis) {
    static volatile long blackhole;

    static Pass run(List<RawArticle> articles, int seconds, ToIntFunction<RawArticle> work) {
      measure(articles, seconds, work); // warm-up: let the JIT compile what the pass runs
      return measure(articles, seconds, work);
    }

    private static Pass measure(List<RawArticle> articles, int seconds, ToIntFunction<RawArticle> work) {
      long[] nanos = new long[1 << 16];
      int n = 0;
      long sink = 0;
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      long cpuStart = threads.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      long end = start + seconds * 1_000_000_000L;
      for (long now = start; now < end; ) {
        long before = now;
        sink += work.applyAsInt(articles.get(n % articles.size()));
        now = System.nanoTime();
        if (n == nanos.length) {
          nanos = Arrays.copyOf(nanos, n * 2);
        }
        nanos[n++] = now - before;
      }
      double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
      long[] sorted = Arrays.copyOf(nanos, n);
      Arrays.sort(sorted);
      blackhole = sink; // keeps the results alive so the JIT cannot drop the work
      return new Pass(n / cpuSeconds, sorted[n / 2] / 1e6, sorted[Math.min(n - 1, (int) (n * 0.99))] / 1e6);
    }

    @Override
    public String toString() {
      return String.format("%,.0f articles/s per core, p50 %.3f ms, p99 %.3f ms", perSecond, p50Millis, p99Millis);
    }
  }
}
