package io.newswatch.cli;

import io.newswatch.cli.pipeline.Running;
import io.newswatch.cli.pipeline.Stages;
import io.newswatch.enrich.Enricher;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "enrich", mixinStandardHelpOptions = true,
    description = {"Runs the enrich stage alone against a Kafka cluster: news.articles.raw in, "
        + "news.articles.enriched out. Run more instances to share the work. Stop with Ctrl-C."})
final class EnrichCommand implements Callable<Integer> {
  @Mixin ClusterOptions cluster;

  @Mixin StateDirOption state;

  @Mixin EnrichmentOptions enrichmentOptions;
  @Mixin ReplicationOptions replication;

  @Override
  public Integer call() throws Exception {
    Properties client = cluster.clientProperties();
    short replicas = replication.resolve(client);
    Enricher enricher = enrichmentOptions.enricher();
    Running running = new Running();
    running.add(Stages.startEnrich(client, cluster.topics(), replicas, state.stateDir, enricher));
    running.awaitStop();
    return 0;
  }
}
