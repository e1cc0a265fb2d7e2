package io.newswatch.cli;

import io.newswatch.cli.pipeline.TopicSetup;
import io.newswatch.schemas.Topic;
import java.io.PrintWriter;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "topics", mixinStandardHelpOptions = true,
    description = "Creates or describes newswatch's topics.",
    subcommands = {TopicsCommand.Create.class, TopicsCommand.Describe.class})
final class TopicsCommand {

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Creates the topics that are missing, with their settings: raw articles and alerts kept "
          + "365 days, enriched articles and dead letters 30, the watchlist and feed state compacted. Safe to run again.")
  static final class Create implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ClusterOptions cluster;
    @Option(names = "--partitions", defaultValue = "3", description = "Partitions per topic (default: ${DEFAULT-VALUE}).")
    int partitions;
    @Mixin ReplicationOptions replication;

    @Override
    public Integer call() {
      Properties client = cluster.clientProperties();
      List<String> created = TopicSetup.ensure(client, cluster.topics(), partitions, replication.resolve(client));
      spec.commandLine().getOut().println(created.isEmpty() ? "all topics exist" : "created " + String.join(", ", created));
      return 0;
    }
  }

  @Command(name = "describe", mixinStandardHelpOptions = true, description = "Lists each topic with its partitions and replicas.")
  static final class Describe implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ClusterOptions cluster;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      List<String> names = cluster.topics().all().stream().map(Topic::name).toList();
      try (Admin admin = Admin.create(cluster.clientProperties())) {
        var existing = admin.listTopics().names().get();
        for (String name : names) {
          if (!existing.contains(name)) {
            out.println(name + "  (missing: run `newswatch topics create`)");
            continue;
          }
          TopicDescription d = admin.describeTopics(List.of(name)).allTopicNames().get().get(name);
          ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, name);
          Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
          out.printf("%s  partitions=%d replicas=%d cleanup.policy=%s retention.ms=%s%n", name,
              d.partitions().size(), d.partitions().get(0).replicas().size(),
              config.get("cleanup.policy").value(), config.get("retention.ms").value());
        }
      }
      return 0;
    }
  }
}
