package io.newswatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.newswatch.avro.Alert;
import io.newswatch.avro.RawArticle;
import io.newswatch.cli.pipeline.StreamsApp;
import io.newswatch.schemas.Topic;
import io.newswatch.schemas.TopicReader;
import io.newswatch.schemas.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * The enrich and alerts stages as {@code newswatch enrich} and {@code newswatch alerts} run in
 * production, each instance in a JVM of its own from the built jar, fed generated articles at the
 * pace of a live feed: what the crash and cluster tests run, disturb and check.
 */
final class LivePipeline implements AutoCloseable {
  /** Articles are ingested this far apart: 250 a second. */
  static final long INGEST_SPACING_MS = 4;
  static final List<String> TOWNS = List.of("Kramatorsk", "Sloviansk", "Pokrovsk", "Kostiantynivka", "Kharkiv",
      "Zaporizhzhia", "Dnipro", "Sumy", "Kherson", "Mykolaiv", "Odesa", "Chernihiv");
  static final List<String> EVENTS = List.of("shelling", "a drone strike", "a missile attack", "an evacuation",
      "a power cut", "an assault");

  interface Disruption {
    void during(LivePipeline pipeline) throws Exception;
  }

  final Properties client;
  final Topics topics;
  final List<RawArticle> articles;
  final List<Stage> enrich = new ArrayList<>();
  final List<Stage> alerts = new ArrayList<>();

  /**
   * Starts {@code instances} of each stage on the topics {@code topics}, which must exist, with
   * their state and logs under {@code dir}; every alerts instance watches every place and serves
   * its HTTP API on a port of its own.
   */
  LivePipeline(Properties client, Path dir, Topics topics, List<RawArticle> articles, int instances) throws IOException {
    this.client = client;
    this.topics = topics;
    this.articles = articles;
    for (int i = 1; i <= instances; i++) {
      Path state = dir.resolve(topics.prefix() + "state-" + i);
      enrich.add(new Stage(dir.resolve(topics.prefix() + "enrich-" + i + ".log"), "enrich", topics.raw(), state, 0));
      alerts.add(new Stage(dir.resolve(topics.prefix() + "alerts-" + i + ".log"), "alerts", topics.enriched(), state,
          UpIT.freePort(), "--watch-all"));
    }
  }

  /**
   * Sends the articles once every instance has joined its group, lets {@code disruption} act
   * meanwhile, and waits until the stages have done all the work; then checks that every
   * article was enriched exactly once.
   */
  void run(Disruption disruption) throws Exception {
    ExecutorService feed = Executors.newSingleThreadExecutor();
    try {
      // a live feed: it starts when the stages are up, not as a backlog for them
      await().atMost(Duration.ofMinutes(2)).ignoreExceptionsInstanceOf(ExecutionException.class) // no group yet
          .until(() -> enrich.get(0).members() == enrich.size() && alerts.get(0).members() == alerts.size());
      Future<?> sent = feed.submit(this::send);
      disruption.during(this);
      sent.get();
      awaitSettled();
    } finally {
      feed.shutdownNow();
    }
    Map<String, Long> enriched = keys(topics.enriched()).stream()
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    assertThat(enriched.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey))
        .as("articles enriched more than once").isEmpty();
    assertThat(articles.stream().map(RawArticle::getId).filter(id -> !enriched.containsKey(id)))
        .as("articles never enriched").isEmpty();
  }

  /** The alerts topic as a {@code read_committed} reader sees it. */
  List<Alert> alerts() {
    List<Alert> alerts = new ArrayList<>();
    Topic<String, Alert> topic = topics.alerts();
    TopicReader.readToEnd(client, topic.name(), Instant.EPOCH, record ->
        alerts.add(topic.valueSerde().deserializer().deserialize(topic.name(), record.value())));
    return alerts;
  }

  static List<String> ids(List<Alert> alerts) {
    return alerts.stream().map(Alert::getAlertId).toList();
  }

  /**
   * Asserts that {@code alerts} are {@code expected}, field for field, in any order. A difference
   * is shown first as one line an alert, with every warning the stages logged (an article out
   * of order names itself there): whole alerts run to pages, which CI cuts short.
   */
  void assertAlertsAre(List<Alert> alerts, List<Alert> expected) throws IOException {
    String warnings = warnings();
    assertThat(alerts.stream().map(LivePipeline::line).sorted())
        .as("alerts, one line each; what the stages warned of:%n%s", warnings)
        .containsExactlyElementsOf(expected.stream().map(LivePipeline::line).sorted().toList());
    assertThat(alerts).as("whole alerts; what the stages warned of:%n%s", warnings)
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  private static String line(Alert alert) {
    return alert.getPlaceName() + " " + alert.getLevel() + " " + alert.getWindowStart() + " " + alert.getStories()
        + " stories, detected " + alert.getDetectedAt();
  }

  /**
   * The lines of every instance's log at level WARN or ERROR, the first 30 of each, but for what
   * Kafka's clients say of every kill: a dead broker cannot be reached (many times a second), a
   * killed instance's stores are restored.
   */
  String warnings() throws IOException {
    StringBuilder warnings = new StringBuilder();
    for (Stage stage : Stream.concat(enrich.stream(), alerts.stream()).toList()) {
      Files.readAllLines(stage.log).stream()
          .filter(line -> line.contains(" WARN ") || line.contains(" ERROR "))
          .filter(line -> Stream.of(" NetworkClient - ", " ProcessorStateManager - ", " TaskManager - ")
              .noneMatch(line::contains))
          .limit(30)
          .forEach(line -> warnings.append(stage.log.getFileName()).append(": ").append(line).append('\n'));
    }
    return warnings.toString();
  }

  /** Stops every instance, as Ctrl-C does. */
  @Override
  public void close() throws InterruptedException {
    for (Stage stage : Stream.concat(enrich.stream(), alerts.stream()).toList()) {
      stage.stop();
    }
  }

  /**
   * Waits until enrich has read every raw article, alerts every enriched one, and the alerts
   * have not changed for 12 s (twice as long as the last articles wait for their partitions
   * to go idle).
   */
  private void awaitSettled() {
    List<List<Alert>> seen = new ArrayList<>();
    await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(3)).until(() -> {
      if (enrich.get(0).lag() > 0 || alerts.get(0).lag() > 0) {
        return false;
      }
      seen.add(alerts());
      return seen.size() >= 5 && seen.get(seen.size() - 1).equals(seen.get(seen.size() - 5));
    });
  }

  /**
   * Sends the articles at their pace of ingestion, as a live feed would, each stamped as
   * ingested when it is sent (their spacing, and so their order, is the same in every run): a
   * backlog would let one partition run far ahead of the others, and articles dated before the
   * wall clock would make a partition that idles for a second seem to have passed them all
   * (docs/ARCHITECTURE.md, "Determinism"); either way even two clean runs would differ.
   */
  private Void send() throws InterruptedException {
    Topic<String, RawArticle> raw = topics.raw();
    long start = System.nanoTime();
    Duration shift = Duration.between(articles.get(0).getIngestedAt(), Instant.now());
    try (var producer = new KafkaProducer<>(client, raw.keySerde().serializer(), raw.valueSerde().serializer())) {
      for (int i = 0; i < articles.size(); i++) {
        RawArticle a = RawArticle.newBuilder(articles.get(i))
            .setIngestedAt(articles.get(i).getIngestedAt().plus(shift)).build();
        long due = start + TimeUnit.MILLISECONDS.toNanos(i * INGEST_SPACING_MS);
        TimeUnit.NANOSECONDS.sleep(due - System.nanoTime());
        // the record time is the ingest time, as when ingest sent it
        producer.send(new ProducerRecord<>(raw.name(), null, a.getIngestedAt().toEpochMilli(), a.getId(), a));
      }
    }
    return null;
  }

  private List<String> keys(Topic<?, ?> topic) {
    List<String> keys = new ArrayList<>();
    TopicReader.readToEnd(client, topic.name(), Instant.EPOCH, r -> keys.add(new String(r.key(), StandardCharsets.UTF_8)));
    return keys;
  }

  /**
   * Articles about twelve towns over {@code count / 1000} days, each day a six-hour burst of
   * coverage of one of them, in the order of publication, ingested {@link #INGEST_SPACING_MS}
   * apart and ending now. The numbers in the bodies keep any two articles from looking like copies.
   */
  static List<RawArticle> articles(int count, long seed) {
    Random random = new Random(seed);
    int days = Math.max(4, count / 1000);
    Instant ingested = Instant.now().minusMillis(count * INGEST_SPACING_MS).truncatedTo(ChronoUnit.SECONDS);
    Instant first = ingested.minus(Duration.ofDays(days + 1)).truncatedTo(ChronoUnit.DAYS);
    record Draft(Instant publishedAt, String town) {}
    List<Draft> drafts = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int day = random.nextInt(days);
      boolean burst = day > 1 && random.nextInt(5) == 0; // two quiet days to learn the usual coverage
      long minute = burst ? 6 * 60 + random.nextInt(6 * 60) : random.nextInt(24 * 60);
      drafts.add(new Draft(first.plus(Duration.ofDays(day)).plus(Duration.ofMinutes(minute)),
          burst ? TOWNS.get(day % TOWNS.size()) : TOWNS.get(random.nextInt(TOWNS.size()))));
    }
    drafts.sort(Comparator.comparing(Draft::publishedAt));
    List<RawArticle> result = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Instant at = drafts.get(i).publishedAt();
      String town = drafts.get(i).town();
      String event = EVENTS.get(random.nextInt(EVENTS.size()));
      StringBuilder body = new StringBuilder("Local officials in " + town + " reported " + event
          + " overnight. Reference numbers");
      random.ints(20, 100_000, 1_000_000).forEach(n -> body.append(' ').append(n));
      String outlet = "news" + random.nextInt(30) + ".example.org";
      result.add(RawArticle.newBuilder()
          .setId("crash-" + i)
          .setUrl("https://" + outlet + "/" + i)
          .setSource(outlet)
          .setTitle(Character.toUpperCase(event.charAt(0)) + event.substring(1) + " in " + town)
          .setBody(body.append('.').toString())
          .setPublishedAt(at)
          .setIngestedAt(ingested.plusMillis(i * INGEST_SPACING_MS))
          .build());
    }
    return result;
  }

  /** {@code newswatch enrich} or {@code newswatch alerts} from the built jar, in a JVM of its own. */
  final class Stage {
    final String name;
    final Topic<?, ?> input;
    /** Where an alerts instance serves its HTTP API; 0 for enrich. */
    final int httpPort;
    final List<String> command = new ArrayList<>();
    final Path log;
    Process process;

    Stage(Path log, String name, Topic<?, ?> input, Path state, int httpPort, String... options) throws IOException {
      this.name = name;
      this.input = input;
      this.httpPort = httpPort;
      this.log = log;
      command.addAll(List.of(FeedIngestIT.java(), "-jar", FeedIngestIT.jar(), name,
          "--bootstrap-servers", client.getProperty("bootstrap.servers"), "--topic-prefix", topics.prefix(),
          "--state-dir", state.toString(),
          // a killed member holds its partitions until its session times out: 45 s by default
          "-X", "session.timeout.ms=6000"));
      if (httpPort > 0) {
        command.addAll(List.of("--http-port", Integer.toString(httpPort)));
      }
      command.addAll(List.of(options));
      start();
    }

    void start() throws IOException {
      process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /** kill -9: the JVM itself, no shutdown hook runs. */
    void crash() throws InterruptedException {
      process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    void crashAndRestart() throws Exception {
      crash();
      start();
    }

    void stop() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }

    /** The members of the stage's consumer group once it has settled; 0 before. */
    int members() throws Exception {
      String group = StreamsApp.applicationId(topics, name);
      try (Admin admin = Admin.create(client)) {
        var description = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
        return description.groupState() == GroupState.STABLE ? description.members().size() : 0;
      }
    }

    /** Committed input offsets over the input's records: how much of its work the stage has done. */
    double progress() throws Exception {
      return (double) committed().values().stream().mapToLong(Long::longValue).sum() / articles.size();
    }

    /**
     * Records not yet committed as read, on the stage's input and on the internal topics it
     * reads back (the alerts stage reads its by-place repartition topic, restored after a crash).
     */
    long lag() throws Exception {
      Map<TopicPartition, Long> committed = committed();
      try (Admin admin = Admin.create(client)) {
        Set<TopicPartition> partitions = new HashSet<>(committed.keySet());
        admin.describeTopics(List.of(input.name())).allTopicNames().get().get(input.name())
            .partitions().forEach(p -> partitions.add(new TopicPartition(input.name(), p.partition())));
        return admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())),
                new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get()
            .entrySet().stream()
            .mapToLong(e -> Math.max(0, e.getValue().offset() - committed.getOrDefault(e.getKey(), 0L)))
            .sum();
      }
    }

    private Map<TopicPartition, Long> committed() throws Exception {
      try (Admin admin = Admin.create(client)) {
        return admin.listConsumerGroupOffsets(StreamsApp.applicationId(topics, name)).partitionsToOffsetAndMetadata()
            .get().entrySet().stream()
            .filter(e -> e.getValue() != null)
            .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
      }
    }
  }
}
