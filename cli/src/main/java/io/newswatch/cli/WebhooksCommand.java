package io.newswatch.cli;

import io.newswatch.alerts.webhook.WebhookDelivery;
import io.newswatch.alerts.webhook.WebhookSender;
import io.newswatch.cli.pipeline.Running;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "webhooks", mixinStandardHelpOptions = true,
    description = {"Runs webhook delivery alone against a Kafka cluster: news.alerts in order, POSTed to the "
        + "subscriptions of `newswatch subscribe`. `newswatch up` runs it too. Stop with Ctrl-C."})
final class WebhooksCommand implements Callable<Integer> {
  @Mixin ClusterOptions cluster;

  @Override
  public Integer call() throws Exception {
    Running running = new Running();
    running.add(WebhookDelivery.start(cluster.clientProperties(), cluster.topics(), WebhookSender.defaults()));
    running.awaitStop();
    return 0;
  }
}
