package io.newswatch.bench;

import io.newswatch.avro.RawArticle;
import io.newswatch.alerts.detector.Originals;
import io.newswatch.alerts.topology.AlertsTopology;
import io.newswatch.cli.ClusterOptions;
import io.newswatch.cli.EnrichmentOptions;
import io.newswatch.cli.OptionalSubcommand;
import io.newswatch.cli.RawArticleFiles;
import io.newswatch.cli.ReplicationOptions;
import io.newswatch.cli.UserError;
import io.newswatch.enrich.Enricher;
import io.newswatch.enrich.text.ArticleText;
import io.newswatch.enrich.text.Tokens;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Measures newswatch on this machine, one subcommand per stage. {@code newswatch} finds it as an
 * {@link OptionalSubcommand} (META-INF/services) wherever this module's jar is on the class path.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measures how fast newswatch runs on this machine.",
    subcommands = {BenchCommand.Enrich.class, BenchCommand.EndToEnd.class, BenchCommand.Replay.class,
        BenchCommand.Copies.class})
public final class BenchCommand implements OptionalSubcommand {
  /**
   * What each bench subcommand does before it measures: refuses options out of range before
   * anything starts, then says which machine the figures come from.
   */
  abstract static class Measurement implements Callable<Integer> {
    @Spec CommandSpec spec;

    /** Throws a {@link UserError} for options out of range. */
    abstract void checkOptions();

    /** Measures, printing what it measured to {@code out}. */
    abstract void measure(PrintWriter out) throws Exception;

    @Override
    public Integer call() throws Exception {
      checkOptions();
      PrintWriter out = spec.commandLine().getOut();
      out.println(machine());
      out.flush();
      measure(out);
      return 0;
    }
  }

  @Command(name = "enrich", mixinStandardHelpOptions = true,
      description = {"Measures tagging on one thread: articles per second of CPU time (per core), p50 and p99 "
          + "wall time per article, "
          + "the gazetteer's load time and the heap after loading. In the same run, a pass that only normalises "
          + "the text (clean text and folded words): the ceiling that tagging is compared with.",
          "Each pass warms up for --seconds, then is measured for --seconds."})
  static final class Enrich extends Measurement {
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
    void checkOptions() {
      if (count < 1 || seconds < 1) {
        throw new UserError("--articles and --seconds must be at least 1");
      }
    }

    @Override
    void measure(PrintWriter out) throws IOException {
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
    }
  }

  @Command(name = "copies", mixinStandardHelpOptions = true,
      description = {"Measures how the alerts stage tells syndicated copies: each place's originals filled as "
          + "--days of publication time at --rate articles/s would fill them, each article naming 3 of --places places "
          + "(Zipf: a few very often, most rarely), one in ten a copy of a recent one. Prints the time of a lookup "
          + "(mean, p99), the originals kept, the heap they take with every place in memory, and what the "
          + "1,000 places a task keeps in memory take at most.",
          "No broker: the check alone, as each detector runs it."})
  static final class Copies extends Measurement {
    @Option(names = "--rate", defaultValue = "200", paramLabel = "PER_SECOND",
        description = "Articles per second of publication time (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--days", defaultValue = "2", paramLabel = "D",
        description = "Days of publication time (default: ${DEFAULT-VALUE}).")
    double days;

    @Option(names = "--places", defaultValue = "30000", paramLabel = "N",
        description = "Places the articles name (default: ${DEFAULT-VALUE}).")
    int places;

    @Override
    void checkOptions() {
      if (rate <= 0 || days <= 0 || places < CopiesBench.PLACES_PER_ARTICLE) {
        throw new UserError("--rate and --days must be positive and --places at least " + CopiesBench.PLACES_PER_ARTICLE);
      }
    }

    @Override
    void measure(PrintWriter out) {
      long start = System.nanoTime();
      CopiesBench.Result r = CopiesBench.run(rate, Duration.ofSeconds((long) (days * 86_400)), places, 1);
      out.printf("articles: %,d (%,.0f/s over %.2f days of publication time), %,d told as copies; "
          + "%,d lookups in %.0f s%n", r.articles(), rate, days, r.copies(), r.lookups(),
          (System.nanoTime() - start) / 1e9);
      out.printf("lookup: %.2f µs mean, %.2f µs p99%n", r.meanMicros(), r.p99Micros());
      out.printf("originals kept: %,d over %,d places, at most %d a place; heap %,d MB, %.0f bytes an original; "
          + "a task's %,d places in memory take at most %.0f MB%n", r.kept(), places, r.largest(),
          r.heapBytes() >> 20, r.bytesPerOriginal(), AlertsTopology.PLACES_IN_MEMORY,
          AlertsTopology.PLACES_IN_MEMORY * (double) Originals.KEPT * r.bytesPerOriginal() / (1 << 20));
    }
  }

  @Command(name = "e2e", mixinStandardHelpOptions = true,
      description = {"Sends bench articles through ingest, enrich and alerts on a real cluster with exactly-once "
          + "(--brokers local ones in a scratch directory unless --bootstrap-servers names a cluster; the bench's "
          + "topics are its own), every locality watched. Prints the sustained articles/s and, from the "
          + "moment each article was sent, when it was readable (read_committed) as enriched, and when the alerts "
          + "it raised were: p50, p99, max; with --instances, each instance's share of the articles.",
          "Without --rate the articles are sent as fast as the producer goes: the figure is the pipeline's ceiling."})
  static final class EndToEnd extends Measurement {
    @Mixin ClusterOptions cluster;
    @Mixin ReplicationOptions replication;
    @Mixin EnrichmentOptions enrichmentOptions;

    @Option(names = "--brokers", defaultValue = "1", paramLabel = "N",
        description = "Local brokers to run the pipeline on (default: ${DEFAULT-VALUE}). Several form one cluster "
            + "set as docker-compose.yml's is: three give replication factor 3 and min.insync.replicas 2.")
    int brokers;

    @Option(names = "--instances", defaultValue = "1", paramLabel = "N",
        description = "Instances of each stage, sharing its work by partition as separate processes would "
            + "(default: ${DEFAULT-VALUE}; at most --partitions).")
    int instances;

    @Option(names = "--articles", defaultValue = "20000", paramLabel = "N",
        description = "How many 3-5 KB articles to send (default: ${DEFAULT-VALUE}).")
    long count;

    @Option(names = "--rate", defaultValue = "0", paramLabel = "PER_SECOND",
        description = "Articles sent per second; 0 (default) sends as fast as possible.")
    double rate;

    @Option(names = "--partitions", defaultValue = "2", paramLabel = "N",
        description = "Partitions of the bench's topics (default: ${DEFAULT-VALUE}). Pass -X num.stream.threads=N "
            + "to give each stage more threads.")
    int partitions;

    @Option(names = "--warm-up", defaultValue = "3000", paramLabel = "N",
        description = "Articles sent and enriched before the measured ones, not counted (default: ${DEFAULT-VALUE}). "
            + "The JIT still compiles for a while after: its share is in the CPU line. To measure latency at a "
            + "--rate as a long-running pipeline has it, let the JIT finish first with 20000.")
    long warmUp;

    @Option(names = "--watch-all", negatable = true, defaultValue = "true", fallbackValue = "true",
        description = "Watch every locality (default), as discovery mode does; "
            + "--no-watch-all watches none, to measure ingest and enrich alone.")
    boolean watchAll;

    @Option(names = "--event-days", defaultValue = "0", paramLabel = "D",
        description = "Spread the articles' publication times evenly over D days, so that the stores, which "
            + "keep event time, let old days go: --articles 60480 --event-days 7 is a week at one article "
            + "every 10 s. Default 0: all published at one instant.")
    double eventDays;

    @Override
    void checkOptions() {
      if (count < 1 || rate < 0 || partitions < 1 || warmUp < 0 || eventDays < 0 || brokers < 1 || instances < 1) {
        throw new UserError("--articles, --partitions, --brokers and --instances must be at least 1, --rate, "
            + "--warm-up and --event-days at least 0");
      }
      if (brokers > 1 && cluster.hasCluster()) {
        throw new UserError("--brokers starts local brokers: leave it out to run on the cluster --bootstrap-servers "
            + "names");
      }
      if (instances > partitions) {
        throw new UserError("--instances " + instances + " needs --partitions " + instances
            + " or more: an instance without a partition has nothing to do");
      }
    }

    @Override
    void measure(PrintWriter out) throws Exception {
      Enricher enricher = enrichmentOptions.enricher();
      // With --event-days, the warm-up is published where the measured days begin, so that it does not
      // move the stores' event time past them.
      Duration eventSpan = Duration.ofMillis(Math.round(eventDays * Duration.ofDays(1).toMillis()));
      Instant firstPublished = eventDays > 0 ? Instant.now().minus(eventSpan) : null;
      try (PipelineBench bench = PipelineBench.open(cluster, replication, brokers, partitions, instances)) {
        bench.startStages(enricher, watchAll);
        PipelineBench.Arrivals enriched = bench.watchEnriched();
        PipelineBench.Arrivals alerts = bench.watchAlerts();
        if (warmUp > 0) {
          bench.warmUp(warmUp, firstPublished, enriched, alerts);
        }
        out.printf("pipeline running on %s (replication factor %d), %d partitions, %d instance%s of each stage, "
                + "warmed up with %,d articles; sending %,d articles %s%s%n",
            bench.bootstrapServers(), bench.replication(), partitions, instances, instances == 1 ? "" : "s", warmUp,
            count, rate > 0 ? String.format("at %,.0f/s", rate) : "as fast as possible",
            eventDays > 0 ? String.format(", published over %.1f days", eventDays) : "");
        out.flush();
        long[] enrichReadBefore = bench.articlesRead("enrich");
        long[] alertsReadBefore = bench.articlesRead("alerts");
        Measured pipeline = Measured.sendAndAwaitEnriched(bench, enriched, count, rate, firstPublished,
            eventSpan.dividedBy(count));
        bench.awaitAlerts(alerts);
        double pipelineCpu = pipeline.cpuMicrosPerArticle();
        String cpu = bench.cpuPerArticleSince(pipeline.cpuBefore(), count);
        out.printf("sent:     %,d articles in %.1f s (%,.0f/s)%n", count, pipeline.sendSeconds(),
            count / pipeline.sendSeconds());
        out.printf("enriched: all %,d in %.1f s from the first send: %,.0f articles/s sustained, exactly once%n",
            count, pipeline.enrichSeconds(), pipeline.perSecond());
        out.println("ingest -> enriched: " + enriched.latency());
        out.printf("alerts:   %,d; ingest -> alert: %s%n", alerts.count(), alerts.latency());
        out.println("CPU per article sent, from the first send to the last alert: " + cpu);
        if (instances > 1) {
          out.printf("each instance's share of the articles it read: enrich %s; alerts %s%n",
              shares(enrichReadBefore, bench.articlesRead("enrich")),
              shares(alertsReadBefore, bench.articlesRead("alerts")));
        }
        out.printf("heap in use after the run (broker, stages and load in one JVM): %d MB%n", heapMegabytes());
        Map<String, Long> state = bench.stopStagesAndMeasureState();
        long stateBytes = state.values().stream().mapToLong(Long::longValue).sum();
        out.printf("local state of the stages, stopped: %,d KB, %,d bytes per article sent (%s)%n",
            stateBytes >> 10, stateBytes / (count + warmUp), state.entrySet().stream()
                .map(e -> String.format("%s %,d KB", e.getKey(), e.getValue() >> 10))
                .collect(Collectors.joining(", ")));
        pipeline.printBrokerBytes(out, "broker:   ", bench);
        out.flush();
        if (rate > 0) {
          out.println("pass-through ceiling: not run, as it compares rates with the articles sent as fast as "
              + "possible: leave out --rate");
        } else {
          passThroughCeiling(out, bench, pipeline, pipelineCpu, firstPublished, eventSpan.dividedBy(count));
        }
      }
    }

    /**
     * Runs {@link PassThrough} on the same cluster, with the record sizes the stages wrote, the
     * same articles and warm-up, and prints its rate and the pipeline's share of it.
     */
    private void passThroughCeiling(PrintWriter out, PipelineBench bench, Measured pipeline, double pipelineCpu,
        Instant firstPublished, Duration spacing) throws InterruptedException, ExecutionException {
      PassThrough.Shape shape = bench.writtenShape();
      PipelineBench passThrough = bench.passThrough();
      passThrough.startPassThrough(shape);
      PipelineBench.Arrivals enriched = passThrough.watchEnriched();
      if (warmUp > 0) {
        passThrough.warmUp(warmUp, firstPublished, enriched);
      }
      Measured ceiling = Measured.sendAndAwaitEnriched(passThrough, enriched, count, 0, firstPublished, spacing);
      passThrough.awaitCommitted("alerts");
      double ceilingCpu = ceiling.cpuMicrosPerArticle();
      String cpu = passThrough.cpuPerArticleSince(ceiling.cpuBefore(), count);
      passThrough.close();
      out.printf("pass-through ceiling (the same topics, repartitions and store writes, exactly once, processors "
              + "that only copy the stages' records: enriched articles of %,.0f bytes, %s): all %,d in %.1f s: "
              + "%,.0f articles/s%n", shape.enrichedBytes(), shape.copiesPerArticle() > 0
              ? String.format("%.1f fan-out copies of %,.0f bytes each", shape.copiesPerArticle(), shape.copyBytes())
              : "no fan-out copies, as the stage watched no place", count, ceiling.enrichSeconds(), ceiling.perSecond());
      out.println("pass-through CPU per article: " + cpu);
      ceiling.printBrokerBytes(out, "pass-through broker: ", passThrough);
      out.printf("pipeline: %.0f%% of the pass-through ceiling (%,.0f against %,.0f articles/s enriched; by CPU per "
              + "article, which other processes on the machine sway less, %.0f%%: %,.0f against %,.0f us)%n",
          100 * pipeline.perSecond() / ceiling.perSecond(), pipeline.perSecond(), ceiling.perSecond(),
          100 * ceilingCpu / pipelineCpu, pipelineCpu, ceilingCpu);
    }
  }

  /**
   * One measured sending of the bench's articles, from the first send until the last is
   * enriched, with what the process and the brokers had spent when it began.
   */
  private record Measured(long articles, double sendSeconds, double enrichSeconds, long textBytes,
      CpuUse cpuBefore, BrokerBytes bytesBefore) {
    static Measured sendAndAwaitEnriched(PipelineBench bench, PipelineBench.Arrivals enriched, long count,
        double rate, Instant firstPublished, Duration spacing) throws InterruptedException {
      Instant start = Instant.now();
      CpuUse cpuBefore = CpuUse.now();
      BrokerBytes bytesBefore = BrokerBytes.now();
      long textBytes = bench.send(count, rate, firstPublished, spacing);
      double sendSeconds = seconds(start, Instant.now());
      enriched.awaitCount(count, Duration.ofSeconds(60));
      return new Measured(count, sendSeconds, seconds(start, enriched.lastArrival()), textBytes, cpuBefore,
          bytesBefore);
    }

    /** Articles enriched per second. */
    double perSecond() {
      return articles / enrichSeconds;
    }

    /** The CPU the process has spent since the sending began, per article. */
    double cpuMicrosPerArticle() {
      return CpuUse.now().nanosSince(cpuBefore) / 1e3 / articles;
    }

    /** What the brokers of this JVM have written since the sending began, per article; nothing on a named cluster. */
    void printBrokerBytes(PrintWriter out, String label, PipelineBench bench) {
      BrokerBytes written = BrokerBytes.now().since(bytesBefore);
      if (written.measured()) {
        out.println(label + written.perArticle(articles, (double) textBytes / articles, bench.topicPrefix()));
      }
    }
  }

  @Command(name = "replay", mixinStandardHelpOptions = true,
      description = {"Fills a raw topic with bench articles, then starts enrich and alerts on it from the start and "
          + "times how long they take to process all of it: what `newswatch replay` of that topic costs. Same broker "
          + "and settings as `bench e2e`."})
  static final class Replay extends Measurement {
    @Mixin ClusterOptions cluster;
    @Mixin EnrichmentOptions enrichmentOptions;

    @Option(names = "--articles", defaultValue = "100000", paramLabel = "N",
        description = "How many 3-5 KB articles the raw topic holds (default: ${DEFAULT-VALUE}).")
    long count;

    @Option(names = "--partitions", defaultValue = "2", paramLabel = "N",
        description = "Partitions of the bench's topics (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Mixin ReplicationOptions replication;

    @Override
    void checkOptions() {
      if (count < 1 || partitions < 1) {
        throw new UserError("--articles and --partitions must be at least 1");
      }
    }

    @Override
    void measure(PrintWriter out) throws Exception {
      Enricher enricher = enrichmentOptions.enricher();
      try (PipelineBench bench = PipelineBench.open(cluster, replication, 1, partitions, 1)) {
        Instant filling = Instant.now();
        bench.send(count, 0, null, Duration.ZERO);
        out.printf("raw topic: %,d articles written in %.1f s%n", count, seconds(filling, Instant.now()));
        out.flush();
        Instant start = Instant.now();
        CpuUse cpuBefore = CpuUse.now();
        bench.startStages(enricher, true);
        PipelineBench.Arrivals enriched = bench.watchEnriched();
        PipelineBench.Arrivals alerts = bench.watchAlerts();
        enriched.awaitCount(count, Duration.ofSeconds(60));
        double total = seconds(start, enriched.lastArrival());
        bench.awaitAlerts(alerts);
        out.printf("replayed: %,d articles enriched in %.1f s from the stages' start: %,.0f articles/s; "
            + "%,d alerts%n", count, total, count / total, alerts.count());
        out.printf("at that rate 1,000,000 articles take %.1f min%n", 1_000_000 / (count / total) / 60);
        out.println("CPU per article, from the stages' start to the last alert: "
            + bench.cpuPerArticleSince(cpuBefore, count));
      }
    }
  }

  /** Each instance's share of what all of them read between two counts, e.g. "52% / 48%". */
  static String shares(long[] before, long[] after) {
    long[] read = new long[after.length];
    for (int i = 0; i < read.length; i++) {
      read[i] = after[i] - before[i];
    }
    double all = Math.max(1, Arrays.stream(read).sum());
    return Arrays.stream(read).mapToObj(n -> String.format("%.0f%%", 100 * n / all))
        .collect(Collectors.joining(" / "));
  }

  private static double seconds(Instant from, Instant to) {
    return Duration.between(from, to).toMillis() / 1000.0;
  }

  private static long heapMegabytes() {
    Runtime runtime = Runtime.getRuntime();
    System.gc();
    return (runtime.totalMemory() - runtime.freeMemory()) >> 20;
  }

  /** The machine the figures come from, e.g. "machine: 2 cores, Linux 6.1 amd64, Java 17.0.13, heap up to 6 GB". */
  static String machine() {
    Runtime runtime = Runtime.getRuntime();
    return String.format("machine: %d cores%s, %s %s %s, Java %s, heap up to %,d MB", runtime.availableProcessors(),
        cpuModel(), System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("os.arch"),
        System.getProperty("java.version"), runtime.maxMemory() >> 20);
  }

  private static String cpuModel() {
    try (var lines = Files.lines(Path.of("/proc/cpuinfo"))) {
      return lines.filter(l -> l.startsWith("model name")).findFirst()
          .map(l -> " (" + l.substring(l.indexOf(':') + 1).strip() + ")").orElse("");
    } catch (IOException | RuntimeException e) {
      return ""; // not Linux: the core count says enough
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
