package io.newswatch.cli;

import io.newswatch.alerts.webhook.WebhookDelivery;
import io.newswatch.alerts.webhook.WebhookSender;
import io.newswatch.cli.pipeline.Running;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "webhooks", mixinStandardHelpOptions = true,
    description = {"Runs webhook delivery alone against a Kafka cluster: news.alerts in order, POSTed to the "
        + "subscriptions of `newswatch subscribe`. `newswatch up` runs it too. Each target is checked again "
        + "before each delivery: one that now resolves to a private address is dead-lettered, not POSTed to. "
        + "Stop with Ctrl-C."})
final class WebhooksCommand implements Callable<Integer> {
  @Mixin ClusterOptions cluster;
  @Mixin WebhookOptions webhookOptions;

  @Override
  public Integer call() throws Exception {
    Running running = new Running();
    Properties client = cluster.clientProperties();
    running.add(WebhookDelivery.start(client, cluster.topics(), WebhookSender.defaults(webhookOptions.targets(client))));
    running.awaitStop();
    return 0;
  }
}
