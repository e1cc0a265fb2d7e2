package io.newswatch.bench;

import io.newswatch.alerts.detector.DetectorSettings;
import io.newswatch.alerts.topology.AlertsTopology;
import io.newswatch.alerts.watchlist.WatchFilter;
import io.newswatch.avro.RawArticle;
import io.newswatch.cli.ClusterOptions;
import io.newswatch.cli.ReplicationOptions;
import io.newswatch.cli.broker.LocalCluster;
import io.newswatch.cli.pipeline.LocalFiles;
import io.newswatch.cli.pipeline.Running;
import io.newswatch.cli.pipeline.Stages;
import io.newswatch.cli.pipeline.StreamsApp;
import io.newswatch.cli.pipeline.TopicSetup;
import io.newswatch.enrich.Enricher;
import io.newswatch.ingest.kafka.KafkaArticleSink;
import io.newswatch.schemas.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The whole pipeline under load, for {@code bench e2e} and {@code bench replay}: a real cluster
 * (local brokers in a scratch directory unless the user names a cluster), topics of the bench's
 * own, the enrich and alerts stages as {@code up} runs them (exactly-once, every locality
 * watched unless told otherwise, as {@code --watch-all} does), one or more instances of each,
 * and readers that note when each enriched article and each alert becomes visible to a
 * {@code read_committed} consumer. Everything runs in this process, so the figures are what one
 * machine does with the brokers, the stages and the load together.
 *
 * <p>{@link #passThrough()} opens a second bench on the same cluster, with topics of its own,
 * for the ceiling the pipeline is held against: {@link PassThrough}'s topologies in place of the
 * stages, with the record sizes the stages wrote here.
 */
final class PipelineBench implements AutoCloseable {
  private final Running running = new Running();
  private final Properties client;
  private final Topics topics;
  private final short replication;
  private final int instances;
  private final Path scratch;
  private final int partitions;
  private final List<StreamsApp> stages = new ArrayList<>();

  private PipelineBench(ClusterOptions cluster, ReplicationOptions replicationOptions, int brokers, int partitions,
      int instances) throws IOException {
    this.instances = instances;
    this.partitions = partitions;
    scratch = Files.createTempDirectory("newswatch-bench");
    running.add(() -> LocalFiles.deleteRecursively(scratch));
    String bootstrap = null;
    if (!cluster.hasCluster()) {
      bootstrap = running.add(LocalCluster.start(scratch.resolve("kafka"), brokers)).bootstrapServers();
    }
    client = cluster.clientProperties(bootstrap);
    replication = replicationOptions.resolve(client);
    topics = Topics.withPrefix("bench-" + System.currentTimeMillis() + ".");
    TopicSetup.ensure(client, topics, partitions, replication);
  }

  /** A bench on {@code other}'s cluster, with topics named after {@code other}'s and {@code name}. */
  private PipelineBench(PipelineBench other, String name) {
    instances = other.instances;
    partitions = other.partitions;
    scratch = other.scratch.resolve(name);
    client = other.client;
    replication = other.replication;
    topics = Topics.withPrefix(other.topics.prefix() + name + ".");
    TopicSetup.ensure(client, topics, partitions, replication);
  }

  /**
   * Opens the bench on the cluster the user named, or on {@code brokers} local ones, with
   * {@code instances} of each stage once started.
   */
  static PipelineBench open(ClusterOptions cluster, ReplicationOptions replication, int brokers, int partitions,
      int instances) throws IOException {
    return new PipelineBench(cluster, replication, brokers, partitions, instances);
  }

  /**
   * A bench for the pass-through ceiling on this one's cluster, with topics of its own: start its
   * stages with {@link #startPassThrough}. It closes with this one, before the cluster.
   */
  PipelineBench passThrough() {
    return running.add(new PipelineBench(this, "pass-through"));
  }

  /** The prefix of this bench's topics, and so of its stages' application ids. */
  String topicPrefix() {
    return topics.prefix();
  }

  String bootstrapServers() {
    return client.getProperty("bootstrap.servers");
  }

  short replication() {
    return replication;
  }

  /** Starts the instances of enrich and alerts, watching every locality or none, and waits until all run. */
  void startStages(Enricher enricher, boolean watchAll) throws InterruptedException {
    // what they write, for the pass-through to write again
    Properties tallied = WrittenRecords.addTo(client);
    for (int i = 0; i < instances; i++) {
      Path state = scratch.resolve("state").resolve(Integer.toString(i));
      stages.add(running.add(Stages.startEnrich(tallied, topics, replication, state, enricher)));
      // no HTTP API here: the address only tells the instances apart in Kafka Streams' metadata
      stages.add(running.add(Stages.startAlerts(tallied, topics, replication, state, DetectorSettings.defaults(),
          watchAll ? WatchFilter.all() : WatchFilter.none(), new HostInfo("localhost", i))));
    }
    awaitRunning();
  }

  /**
   * Starts the instances of {@link PassThrough}'s two topologies, with the stages' settings, in
   * place of enrich and alerts, and waits until all run.
   */
  void startPassThrough(PassThrough.Shape shape) throws InterruptedException {
    for (int i = 0; i < instances; i++) {
      Path state = scratch.resolve("state").resolve(Integer.toString(i));
      stages.add(running.add(StreamsApp.start("enrich", PassThrough.enrich(topics, shape), client, topics, state,
          Stages.replicated(replication))));
      stages.add(running.add(StreamsApp.start("alerts", PassThrough.alerts(topics, shape), client, topics, state,
          Stages.replicated(replication))));
    }
    awaitRunning();
  }

  /**
   * The records the stages started by {@link #startStages} have written so far, as the
   * pass-through is to write them.
   */
  PassThrough.Shape writtenShape() {
    String enriched = topics.enriched().name();
    // Kafka Streams names a repartition topic <application.id>-<name>-repartition
    String byPlace = StreamsApp.applicationId(topics, "alerts") + "-" + AlertsTopology.BY_PLACE + "-repartition";
    return new PassThrough.Shape(WrittenRecords.samples(enriched), WrittenRecords.samples(byPlace),
        (double) WrittenRecords.records(byPlace) / Math.max(1, WrittenRecords.records(enriched)));
  }

  private void awaitRunning() throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(120);
    while (!stages.stream().allMatch(StreamsApp::isRunning)) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("the stages did not start within 120 s");
      }
      Thread.sleep(100);
    }
  }

  /**
   * The records each instance of {@code stage} has read from its input topic so far (enrich the
   * raw articles, alerts the enriched ones), in the order the instances started.
   */
  long[] articlesRead(String stage) {
    String input = (stage.equals("enrich") ? topics.raw() : topics.enriched()).name();
    // the consumer's per-topic metrics write a topic's dots as underscores
    String topicTag = input.replace('.', '_');
    return stages.stream().filter(app -> app.name().equals(stage))
        .mapToLong(app -> Math.round(app.streams().metrics().entrySet().stream()
            .filter(e -> e.getKey().group().equals("consumer-fetch-manager-metrics")
                && e.getKey().name().equals("records-consumed-total")
                && topicTag.equals(e.getKey().tags().get("topic")))
            .mapToDouble(e -> (Double) e.getValue().metricValue())
            .sum()))
        .toArray();
  }

  /** The CPU this process spent since {@code before}, per article, by whom a thread works for. */
  String cpuPerArticleSince(CpuUse before, long articles) {
    return CpuUse.perArticle(CpuUse.now().byGroupSince(before, this::threadGroup), articles);
  }

  /** Whom a thread of this process works for, by its name. */
  private String threadGroup(String threadName) {
    for (String stage : List.of("enrich", "alerts")) {
      if (threadName.contains(StreamsApp.applicationId(topics, stage))) {
        return stage;
      }
    }
    if (threadName.equals("main") || threadName.startsWith("bench-reader")
        || threadName.startsWith("kafka-producer-network-thread | producer-")) {
      return "load and readers";
    }
    return "broker and other threads";
  }

  /** Starts noting when records of the enriched and the alerts topic become visible. */
  Arrivals watchEnriched() {
    return running.add(new Arrivals(client, topics.enriched().name()));
  }

  Arrivals watchAlerts() {
    return running.add(new Arrivals(client, topics.alerts().name()));
  }

  /**
   * Waits until the alerts stage has committed all it has read (its inputs: the enriched topic
   * and its repartition topic) and handed every article in its reorder buffers to the detectors,
   * then until no alert has arrived for 5 s.
   */
  void awaitAlerts(Arrivals alerts) throws InterruptedException, ExecutionException {
    awaitAlertsStage();
    alerts.awaitQuiet(Duration.ofSeconds(5));
  }

  /** Waits until the alerts stage has committed all it has read and its reorder buffers are empty. */
  private void awaitAlertsStage() throws InterruptedException, ExecutionException {
    awaitCommitted("alerts");
    while (articlesWaiting() > 0) {
      Thread.sleep(200);
    }
  }

  /** Waits until {@code stage} has committed all it has read, from every one of its inputs. */
  void awaitCommitted(String stage) throws InterruptedException, ExecutionException {
    String group = StreamsApp.applicationId(topics, stage);
    try (Admin admin = Admin.create(client)) {
      while (true) {
        Map<TopicPartition, OffsetAndMetadata> committed =
            admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(committed.keySet().stream()
            .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()))).all().get();
        // a transaction's commit marker takes an offset of its own: one behind the end is caught up
        if (!committed.isEmpty() && committed.entrySet().stream()
            .allMatch(e -> e.getValue().offset() >= ends.get(e.getKey()).offset() - 1)) {
          break;
        }
        Thread.sleep(200);
      }
    }
  }

  private double articlesWaiting() {
    return stages.stream().flatMap(stage -> stage.streams().metrics().entrySet().stream())
        .filter(e -> e.getKey().name().equals(AlertsTopology.ARTICLES_WAITING_METRIC))
        .mapToDouble(e -> (Double) e.getValue().metricValue())
        .sum();
  }

  /**
   * Sends {@code count} bench articles, each stamped as ingested when it is sent, at
   * {@code perSecond} (0: as fast as the producer goes); returns when all are acknowledged.
   * Each is published when it is sent, or, from {@code firstPublished} on, {@code spacing}
   * after the one before. Returns the bytes of their titles and bodies, in UTF-8.
   */
  long send(long count, double perSecond, Instant firstPublished, Duration spacing) {
    return send(BenchArticles.stream(1), count, perSecond, firstPublished, spacing);
  }

  /**
   * Sends {@code count} other articles and waits until they are enriched and the alerts stage
   * has read them all and emptied its reorder buffers, then forgets what the readers saw: the
   * JIT compiles the stages and the measured run does not queue behind the warm-up's backlog.
   */
  void warmUp(long count, Instant published, Arrivals... readers) throws InterruptedException, ExecutionException {
    send(BenchArticles.stream(2).map(a -> RawArticle.newBuilder(a).setId("warm-up-" + a.getId()).build()), count, 0,
        published, Duration.ZERO);
    readers[0].awaitCount(count, Duration.ofSeconds(60));
    awaitAlertsStage();
    for (Arrivals reader : readers) {
      reader.forget();
    }
  }

  /** {@code firstPublished} null: each article published when it is sent. */
  private long send(Stream<RawArticle> stream, long count, double perSecond, Instant firstPublished, Duration spacing) {
    long textBytes = 0;
    try (KafkaArticleSink sink = new KafkaArticleSink(client, topics)) {
      long start = System.nanoTime();
      var articles = stream.limit(count).iterator();
      for (long i = 0; articles.hasNext(); i++) {
        if (perSecond > 0) {
          long due = start + (long) (i * 1e9 / perSecond);
          LockSupport.parkNanos(due - System.nanoTime());
        }
        Instant now = Instant.now();
        Instant published = firstPublished == null ? now : firstPublished.plus(spacing.multipliedBy(i));
        RawArticle article = articles.next();
        textBytes += (article.getTitle() + article.getBody()).getBytes(StandardCharsets.UTF_8).length;
        sink.accept(RawArticle.newBuilder(article).setPublishedAt(published).setIngestedAt(now).build());
      }
      sink.flush();
    }
    return textBytes;
  }

  /**
   * Stops the stages, which writes what their stores hold in memory to disk, and returns the
   * bytes of their local state there, by store (summed over tasks; files of no store, such as
   * checkpoints, under "other"), largest first.
   */
  Map<String, Long> stopStagesAndMeasureState() throws IOException {
    stages.forEach(StreamsApp::close);
    Path state = scratch.resolve("state");
    Map<String, Long> byStore = new HashMap<>();
    if (Files.exists(state)) {
      try (Stream<Path> files = Files.walk(state)) {
        files.filter(Files::isRegularFile).forEach(file -> byStore.merge(storeOf(state.relativize(file)),
            file.toFile().length(), Long::sum));
      }
    }
    Map<String, Long> largestFirst = new LinkedHashMap<>();
    byStore.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(e -> largestFirst.put(e.getKey(), e.getValue()));
    return largestFirst;
  }

  /** The store a file under the state directory belongs to: .../task/[rocksdb/]store/... */
  private static String storeOf(Path relative) {
    for (int i = 0; i + 2 < relative.getNameCount(); i++) {
      if (relative.getName(i).toString().matches("\\d+_\\d+")) {
        int store = relative.getName(i + 1).toString().equals("rocksdb") ? i + 2 : i + 1;
        return store + 1 < relative.getNameCount() ? relative.getName(store).toString() : "other";
      }
    }
    return "other";
  }

  @Override
  public void close() {
    running.close();
  }

  /**
   * Reads one topic from its start on a thread of its own, with {@code read_committed}, and
   * notes for each record the time from its record time (when the article was sent, for
   * enriched articles and alerts alike) to when it was read.
   */
  static final class Arrivals implements AutoCloseable {
    private final Thread reader;
    private volatile boolean closed;
    private long[] latencies = new long[1 << 16];
    private int count;
    private long lastArrival;

    Arrivals(Properties client, String topic) {
      Properties props = new Properties();
      props.putAll(client);
      props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
      props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
      KafkaConsumer<byte[], byte[]> consumer =
          new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      reader = new Thread(() -> {
        try (consumer) {
          while (!closed) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
              note(System.currentTimeMillis(), record.timestamp());
            }
          }
        }
      }, "bench-reader-" + topic);
      reader.setDaemon(true);
      reader.start();
    }

    private synchronized void note(long now, long recordTime) {
      if (count == latencies.length) {
        latencies = Arrays.copyOf(latencies, count * 2);
      }
      latencies[count++] = now - recordTime;
      lastArrival = now;
    }

    synchronized int count() {
      return count;
    }

    /** Starts counting afresh. */
    synchronized void forget() {
      count = 0;
    }

    synchronized Instant lastArrival() {
      return Instant.ofEpochMilli(lastArrival);
    }

    /** Waits until {@code expected} records have arrived, or none for {@code idle}. */
    void awaitCount(long expected, Duration idle) throws InterruptedException {
      int seen = -1;
      Instant quietSince = Instant.now();
      while (count() < expected) {
        int now = count();
        if (now != seen) {
          seen = now;
          quietSince = Instant.now();
        } else if (Instant.now().isAfter(quietSince.plus(idle))) {
          throw new IllegalStateException(now + " of " + expected + " records arrived, then none for " + idle);
        }
        Thread.sleep(50);
      }
    }

    /** Waits until no record has arrived for {@code idle}. */
    void awaitQuiet(Duration idle) throws InterruptedException {
      int seen = -1;
      while (count() != seen) {
        seen = count();
        Thread.sleep(idle.toMillis());
      }
    }

    /** p50, p99 and max of the latencies in milliseconds, e.g. "p50 120 ms, p99 410 ms, max 650 ms". */
    synchronized String latency() {
      if (count == 0) {
        return "none arrived";
      }
      long[] sorted = Arrays.copyOf(latencies, count);
      Arrays.sort(sorted);
      return String.format("p50 %,d ms, p99 %,d ms, max %,d ms",
          sorted[count / 2], sorted[Math.min(count - 1, (int) (count * 0.99))], sorted[count - 1]);
    }

    @Override
    public void close() throws InterruptedException {
      closed = true;
      reader.join(5_000);
    }
  }
}
