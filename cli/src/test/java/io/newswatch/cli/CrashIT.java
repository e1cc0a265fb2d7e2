package io.newswatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.newswatch.avro.Alert;
import io.newswatch.avro.RawArticle;
import io.newswatch.cli.broker.LocalBroker;
import io.newswatch.cli.pipeline.StreamsApp;
import io.newswatch.cli.pipeline.TopicSetup;
import io.newswatch.schemas.Topic;
import io.newswatch.schemas.TopicReader;
import io.newswatch.schemas.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once through crashes, on the real broker with enrich and alerts in their own JVMs,
 * as {@code newswatch enrich} and {@code newswatch alerts} run in production: a clean run gives
 * the reference alerts; then the same articles run again while the stages are killed with
 * {@code kill -9} and restarted, or while the broker is restarted. Every article must come out
 * enriched exactly once and no alert twice; after crashes of alerts, the alerts must be the clean
 * run's, field for field.
 * {@code -Dnewswatch.crash.articles} sets the number of articles ({@code -Pnightly}: 100,000).
 */
class CrashIT {
  static final int ARTICLES = Integer.getInteger("newswatch.crash.articles", 10_000);
  static final long SEED = Long.getLong("newswatch.crash.seed", 7);
  /** Articles are ingested this far apart: 250 a second. */
  static final long INGEST_SPACING_MS = 4;
  static final List<String> TOWNS = List.of("Kramatorsk", "Sloviansk", "Pokrovsk", "Kostiantynivka", "Kharkiv",
      "Zaporizhzhia", "Dnipro", "Sumy", "Kherson", "Mykolaiv", "Odesa", "Chernihiv");
  static final List<String> EVENTS = List.of("shelling", "a drone strike", "a missile attack", "an evacuation",
      "a power cut", "an assault");

  @TempDir static Path dir;
  static int port;
  static LocalBroker broker;
  static Properties client;
  static List<RawArticle> articles;
  static List<Alert> cleanAlerts;

  @BeforeAll
  static void start() throws Exception {
    port = LocalBroker.freePortPair();
    broker = LocalBroker.start(dir.resolve("kafka"), port, port + 1);
    client = broker.clientProperties();
    articles = articles(ARTICLES, SEED);
    cleanAlerts = run(Topics.withPrefix("clean."), stages -> { });
    assertThat(cleanAlerts).as("the clean run must raise alerts for the comparison to mean anything").isNotEmpty();
  }

  @AfterAll
  static void stop() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void killingAlertsFiveTimesLosesNothingDuplicatesNothingAndChangesNoAlert() throws Exception {
    List<Alert> alerts = run(Topics.withPrefix("kill-alerts."), stages -> killFiveTimes(stages.alerts, SEED));

    assertThat(ids(alerts)).doesNotHaveDuplicates();
    // whole alerts, not only their ids: an article that reached a detector late would change its baseline
    assertThat(alerts).containsExactlyInAnyOrderElementsOf(cleanAlerts);
  }

  /**
   * The alerts are not compared with the clean run's: while enrich is down the alerts stage goes
   * quiet and releases every article it holds, and those the restarted enrich sends next may
   * precede them (docs/ARCHITECTURE.md, "Determinism").
   */
  @Test
  void killingEnrichFiveTimesLosesNothingAndDuplicatesNothing() throws Exception {
    List<Alert> alerts = run(Topics.withPrefix("kill-enrich."), stages -> killFiveTimes(stages.enrich, SEED + 1));

    assertThat(ids(alerts)).isNotEmpty().doesNotHaveDuplicates();
  }

  /** Not compared with the clean run's alerts either: the pipeline goes quiet as when enrich is killed. */
  @Test
  void restartingTheBrokerMidRunLosesNothingAndDuplicatesNothing() throws Exception {
    Random random = new Random(SEED + 2);
    List<Alert> alerts = run(Topics.withPrefix("restart."), stages -> {
      double moment = 0.1 + 0.5 * random.nextDouble();
      await().atMost(Duration.ofMinutes(5)).until(() -> stages.enrich.progress() >= moment);
      broker.close();
      Thread.sleep(2000);
      broker = LocalBroker.start(dir.resolve("kafka"), port, port + 1);
    });

    assertThat(ids(alerts)).isNotEmpty().doesNotHaveDuplicates();
  }

  /** kill -9 at five random moments of the stage's work, each time restarting it at once. */
  static void killFiveTimes(Stage victim, long seed) throws Exception {
    Random random = new Random(seed);
    for (double moment : random.doubles(5, 0.05, 0.9).sorted().toArray()) {
      await().atMost(Duration.ofMinutes(5)).until(() -> victim.progress() >= moment);
      Thread.sleep(random.nextInt(1000));
      double before = victim.progress();
      victim.crashAndRestart();
      // the next moment falls in the work of the restarted stage, not in its start
      await().atMost(Duration.ofMinutes(5)).until(() -> victim.progress() > before || victim.lag() == 0);
    }
  }

  // --- a run ----------------------------------------------------------------------------

  interface Disruption {
    void during(Stages stages) throws Exception;
  }

  record Stages(Stage enrich, Stage alerts) {}

  /**
   * Sends the articles to {@code topics}, runs both stages through {@code disruption} until
   * they are done, checks that every article was enriched exactly once and returns the alerts.
   */
  static List<Alert> run(Topics topics, Disruption disruption) throws Exception {
    TopicSetup.ensure(client, topics, 3, (short) 1);
    Path state = dir.resolve(topics.prefix() + "state");
    Stage enrich = new Stage(topics, "enrich", topics.raw(), state);
    Stage alerts = new Stage(topics, "alerts", topics.enriched(), state, "--watch-all",
        "--http-port", Integer.toString(UpIT.freePort()));
    ExecutorService feed = Executors.newSingleThreadExecutor();
    try {
      // a live feed: it starts when the stages are up, not as a backlog for them
      await().atMost(Duration.ofMinutes(2)).ignoreExceptionsInstanceOf(ExecutionException.class) // no group yet
          .until(() -> enrich.joined() && alerts.joined());
      Future<?> sent = feed.submit(() -> send(topics));
      disruption.during(new Stages(enrich, alerts));
      sent.get();
      awaitSettled(topics, enrich, alerts);
    } finally {
      feed.shutdownNow();
      enrich.stop();
      alerts.stop();
    }

    Map<String, Long> enriched = keys(topics.enriched()).stream()
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    assertThat(enriched.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey))
        .as("articles enriched more than once").isEmpty();
    assertThat(articles.stream().map(RawArticle::getId).filter(id -> !enriched.containsKey(id)))
        .as("articles never enriched").isEmpty();
    return alerts(topics);
  }

  static List<Alert> alerts(Topics topics) {
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
   * Waits until enrich has read every raw article, alerts every enriched one, and the alerts
   * have not changed for 6 s (longer than the detector's quiet release).
   */
  static void awaitSettled(Topics topics, Stage enrich, Stage alerts) {
    List<List<Alert>> seen = new ArrayList<>();
    await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(3)).until(() -> {
      if (enrich.lag() > 0 || alerts.lag() > 0) {
        return false;
      }
      seen.add(alerts(topics));
      return seen.size() >= 3 && seen.get(seen.size() - 1).equals(seen.get(seen.size() - 3));
    });
  }

  /**
   * Sends the articles at their pace of ingestion, as a live feed would: a backlog would let one
   * partition run far ahead of the others, which the detector's reorder buffer does not cover
   * (docs/ARCHITECTURE.md, "Determinism"), so even two clean runs would differ.
   */
  static Void send(Topics topics) throws InterruptedException {
    Topic<String, RawArticle> raw = topics.raw();
    long start = System.nanoTime();
    try (var producer = new KafkaProducer<>(client, raw.keySerde().serializer(), raw.valueSerde().serializer())) {
      for (int i = 0; i < articles.size(); i++) {
        RawArticle a = articles.get(i);
        long due = start + TimeUnit.MILLISECONDS.toNanos(i * INGEST_SPACING_MS);
        TimeUnit.NANOSECONDS.sleep(due - System.nanoTime());
        // the record time is the ingest time, as when ingest sent it
        producer.send(new ProducerRecord<>(raw.name(), null, a.getIngestedAt().toEpochMilli(), a.getId(), a));
      }
    }
    return null;
  }

  static List<String> keys(Topic<?, ?> topic) {
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

  // --- a stage in its own JVM -----------------------------------------------------------

  /** {@code newswatch enrich} or {@code newswatch alerts} from the built jar, in a JVM of its own. */
  static final class Stage {
    final Topics topics;
    final String name;
    final Topic<?, ?> input;
    final List<String> command = new ArrayList<>();
    final Path log;
    Process process;

    Stage(Topics topics, String name, Topic<?, ?> input, Path state, String... options) throws IOException {
      this.topics = topics;
      this.name = name;
      this.input = input;
      this.log = dir.resolve(topics.prefix() + name + ".log");
      command.addAll(List.of(FeedIngestIT.java(), "-jar", FeedIngestIT.jar(), name,
          "--bootstrap-servers", broker.bootstrapServers(), "--topic-prefix", topics.prefix(),
          "--state-dir", state.toString(),
          // a killed member holds its partitions until its session times out: 45 s by default
          "-X", "session.timeout.ms=6000"));
      command.addAll(List.of(options));
      start();
    }

    void start() throws IOException {
      process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /** kill -9: the JVM itself, no shutdown hook runs. */
    void crashAndRestart() throws Exception {
      process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      start();
    }

    void stop() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }

    /** True when the stage's consumer group has settled with a member. */
    boolean joined() throws Exception {
      String group = StreamsApp.applicationId(topics, name);
      try (Admin admin = Admin.create(client)) {
        var description = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
        return description.groupState() == GroupState.STABLE && !description.members().isEmpty();
      }
    }

    /** Committed input offsets over the input's records: how much of its work the stage has done. */
    double progress() throws Exception {
      return (double) committed().values().stream().mapToLong(Long::longValue).sum() / ARTICLES;
    }

    /** Records of the input not yet committed as read. */
    /**
     * Records not yet committed as read, on the stage's input and on the internal topics it
     * reads back (enrich's duplicate check reads a repartition topic, restored after a crash).
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
