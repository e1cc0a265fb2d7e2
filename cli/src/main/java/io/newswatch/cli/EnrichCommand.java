package io.newswatch.cli;

import io.newswatch.cli.pipeline.Running;
import io.newswatch.cli.pipeline.Stages;
import io.newswatch.enrich.Enricher;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "enrich", mixinStandardHelpOptions = true,
    description = {"Runs the enrich stage alone against a Kafka cluster: news.articles.raw in, "
        + "news.articles.enriched out. Run more instances to share the work. Stop with Ctrl-C."})
final class EnrichCommand implements Callable<Integer> {
  @Mixin ClusterOptions cluster;

  @Option(names = "--state-dir", defaultValue = "${env:NEWSWATCH_STATE_DIR:-data/state}", paramLabel = "DIR",
      description = "Local state of the Streams app (default: ${DEFAULT-VALUE}).")
  Path stateDir;

  @Mixin EnrichmentOptions enrichmentOptions;
  @Mixin ReplicationOptions replication;

  @Override
  public Integer call() throws Exception {
    Properties client = cluster.clientProperties();
    short replicas = replication.resolve(client);
    Enricher enricher = enrichmentOptions.enricher();
    Running running = new Running();
    running.add(Stages.startEnrich(client, cluster.topics(), replicas, stateDir, enricher));
    running.awaitStop();
    return 0;
  }
}
