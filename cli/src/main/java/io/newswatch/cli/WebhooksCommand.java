package io.newswatch.cli;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newswatch.alerts.webhook.WebhookDelivery;
import io.newswatch.cli.pipeline.Running;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "webhooks", mixinStandardHelpOptions = true,
    description = {"Runs webhook delivery alone against a Kafka cluster: news.alerts POSTed to the subscriptions "
        + "of `newswatch subscribe`, each subscription on its own (a subscriber that does not answer delays no "
        + "other) and in its own consumer group, <prefix>newswatch-webhooks-<id>. `newswatch up` runs it too. "
        + "Each target is checked again before each delivery: one that now resolves to a private address is "
        + "dead-lettered, not POSTed to. Exits 1 if delivery itself stops on an error (a delivery to one "
        + "subscriber that fails is started again). Stop with Ctrl-C."})
final class WebhooksCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ClusterOptions cluster;
  @Mixin WebhookDeliveryOptions delivery;

  @Override
  public Integer call() throws Exception {
    Properties client = cluster.clientProperties();
    var sender = delivery.sender(client);
    Running running = new Running();
    WebhookDelivery delivery = running.add(WebhookDelivery.start(client, cluster.topics(), sender,
        new SimpleMeterRegistry()));
    // no /ready here: if supervision itself stops, so does the process, with a failing exit code
    while (!running.awaitStop(Duration.ofSeconds(1))) {
      if (delivery.failed()) {
        running.close();
        spec.commandLine().getErr().println("newswatch: webhook delivery stopped (see the log); exiting");
        return 1;
      }
    }
    return 0;
  }
}
