package io.newswatch.cli;

import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.newswatch.alerts.http.HttpApi;
import io.newswatch.alerts.http.Readiness;
import io.newswatch.alerts.http.StoreAlertQueries;
import io.newswatch.alerts.webhook.WebhookDelivery;
import io.newswatch.cli.broker.LocalBroker;
import io.newswatch.cli.pipeline.AlertPrinter;
import io.newswatch.cli.pipeline.BrokerCheck;
import io.newswatch.cli.pipeline.DataDirLock;
import io.newswatch.cli.pipeline.FreePorts;
import io.newswatch.cli.pipeline.PipelineMonitor;
import io.newswatch.cli.pipeline.Running;
import io.newswatch.cli.pipeline.Stages;
import io.newswatch.cli.pipeline.StreamsApp;
import io.newswatch.cli.pipeline.TopicSetup;
import io.newswatch.cli.web.DashboardRoutes;
import io.newswatch.enrich.Enricher;
import io.newswatch.ingest.kafka.KafkaIngest;
import io.newswatch.schemas.Topics;
import io.newswatch.web.HttpSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Callable;
import org.apache.kafka.streams.state.HostInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "up", mixinStandardHelpOptions = true,
    description = {"Runs the whole pipeline in this process: ingest, enrich, alerts, webhook delivery and the HTTP API.",
        "With no --bootstrap-servers it first starts a real single-node Kafka broker (KRaft) whose data "
            + "lives in --data-dir and is reused by the next `up`. Stop with Ctrl-C."})
final class UpCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ClusterOptions cluster;
  @Mixin DetectorOptions detector;
  @Mixin DetectorOptions.Discovery discovery;
  @Mixin EnrichmentOptions enrichmentOptions;
  @Mixin IngestOptions ingestOptions;
  @Mixin HttpOptions http;
  @Mixin WebhookDeliveryOptions webhooks;
  @Mixin ReplicationOptions replication;

  @Option(names = "--data-dir", defaultValue = "${env:NEWSWATCH_DATA_DIR:-data}", paramLabel = "DIR",
      description = "Where the local broker and the Streams state live (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--kafka-port", defaultValue = "9092", paramLabel = "PORT",
      description = "Port of the local broker; the controller takes the next one (default: ${DEFAULT-VALUE}).")
  int kafkaPort;

  @Option(names = "--partitions", defaultValue = "1", paramLabel = "N",
      description = "Partitions of topics that up creates (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(names = "--demo", description = "Load the bundled demo feed, dated to end today: ordinary Donbas coverage, then an "
      + "escalation in Kostiantynivka, which is put on the watchlist. Sent once per --data-dir: run again, "
      + "it leaves the feed and your watches as they are.")
  boolean demo;

  @Override
  public Integer call() throws Exception {
    Instant start = Instant.now();
    PrintWriter out = spec.commandLine().getOut();
    Topics topics = cluster.topics();
    var feeds = ingestOptions.feeds(); // a bad feeds file fails before anything starts
    webhooks.check();
    // before anything in the data directory or on a port is touched
    DataDirLock lock;
    try {
      lock = DataDirLock.acquire(dataDir, "up");
    } catch (DataDirLock.InUse e) {
      throw new UserError(e.getMessage() + ": stop it first, or give this one another --data-dir");
    }
    List<String> clashes = new ArrayList<>();
    FreePorts.clash(http.host, http.port, "the HTTP server, --http-port").ifPresent(clashes::add);
    if (!cluster.hasCluster()) {
      FreePorts.clash(LocalBroker.HOST, kafkaPort, "the local broker, --kafka-port").ifPresent(clashes::add);
      FreePorts.clash(LocalBroker.HOST, kafkaPort + 1, "the local broker's controller, --kafka-port + 1")
          .ifPresent(clashes::add);
    }
    if (!clashes.isEmpty()) {
      lock.close();
      throw new UserError(String.join("; ", clashes));
    }
    HttpSettings httpSettings = http.settings(dataDir, out);
    // The gazetteer loads (seconds) while the broker starts; bad options fail before either.
    Enricher.Options taggingOptions = enrichmentOptions.options();
    CompletableFuture<Enricher> tagging = new CompletableFuture<>();
    Thread loader = new Thread(() -> {
      try {
        tagging.complete(EnrichmentOptions.load(taggingOptions));
      } catch (RuntimeException e) {
        tagging.completeExceptionally(e);
      }
    }, "tagging-data-loader");
    loader.setDaemon(true);
    loader.start();
    Running running = new Running();
    running.add(lock); // released last
    try {
      String bootstrap = null;
      if (!cluster.hasCluster()) {
        out.println("starting a local Kafka broker in " + dataDir.resolve("kafka") + " ...");
        out.flush();
        bootstrap = running.add(LocalBroker.start(dataDir.resolve("kafka"), kafkaPort, kafkaPort + 1)).bootstrapServers();
      }
      Properties client = cluster.clientProperties(bootstrap);
      short replicas = replication.resolve(client);
      TopicSetup.ensure(client, topics, partitions, replicas);
      Enricher enricher = loaded(tagging);
      StreamsApp enrich = running.add(Stages.startEnrich(client, topics, replicas, dataDir.resolve("state"), enricher));
      HostInfo self = new HostInfo("localhost", httpSettings.port());
      StreamsApp alerts = running.add(Stages.startAlerts(client, topics, replicas, dataDir.resolve("state"),
          detector.settings(), discovery.alwaysWatched(detector), self));
      // One registry for /metrics: other stages show their meters by binding them to it.
      PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      KafkaIngest ingest = running.add(KafkaIngest.connect(client, topics));
      if (!feeds.isEmpty()) {
        ingest.pollFeeds(feeds, ingestOptions.limits(), metrics);
      }
      // Kafka Streams' own metrics (process rates, lag, dropped records) beside ours on /metrics.
      running.add(new KafkaStreamsMetrics(enrich.streams())).bindTo(metrics);
      running.add(new KafkaStreamsMetrics(alerts.streams())).bindTo(metrics);
      BrokerCheck broker = running.add(BrokerCheck.connect(client));
      running.add(PipelineMonitor.start(client, topics, metrics));
      WebhookDelivery delivery = running.add(WebhookDelivery.start(client, topics, webhooks.sender(client), metrics));
      Readiness readiness = new Readiness() {
        @Override
        public boolean ready() {
          return enrich.isRunning() && alerts.isRunning() && delivery.isRunning() && broker.reachable();
        }

        @Override
        public Map<String, Object> details() {
          return Map.of("webhooks", delivery.statuses());
        }
      };
      running.add(HttpApi.start(httpSettings, readiness,
          new StoreAlertQueries(alerts.streams(), self), ingest.routes(ingestOptions.push(), metrics)
              .andThen(DashboardRoutes.of(client, topics, enricher.gazetteer(),
                  (gazetteer, name) -> WatchCommand.resolve(gazetteer, name, taggingOptions.preferredCountries())))));
      running.add(AlertPrinter.start(client, topics, out));
      awaitRunning(enrich, alerts);
      out.printf("newswatch is up in %.1f s: dashboard at %s ; Kafka at %s%n",
          Duration.between(start, Instant.now()).toMillis() / 1000.0, http.displayUrl(),
          client.getProperty("bootstrap.servers"));
      if (!feeds.isEmpty()) {
        out.println("polling " + feeds.size() + " feeds; POST articles to " + http.displayUrl() + "api/articles");
      }
      if (demo) {
        out.println(Demo.load(client, topics, enricher.gazetteer(), dataDir, Clock.systemUTC()));
      }
      out.println("Ctrl-C stops everything.");
      out.flush();
      running.awaitStop();
      return 0;
    } catch (RuntimeException | InterruptedException e) {
      running.close();
      throw e;
    }
  }

  private static void awaitRunning(StreamsApp... apps) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(120);
    for (StreamsApp app : apps) {
      while (!app.isRunning()) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException(app.name() + " did not reach RUNNING in 120 s (state "
              + app.streams().state() + ")");
        }
        Thread.sleep(100);
      }
    }
  }

  /** The enricher loaded in the background; its error (an unreadable --actors file) as if loaded here. */
  private static Enricher loaded(CompletableFuture<Enricher> tagging) {
    try {
      return tagging.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }
}
