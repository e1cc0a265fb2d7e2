package io.newswatch.cli;

import io.newswatch.alerts.http.HttpApi;
import io.newswatch.alerts.http.StoreAlertQueries;
import io.newswatch.cli.pipeline.BrokerCheck;
import io.newswatch.cli.pipeline.Running;
import io.newswatch.cli.pipeline.Stages;
import io.newswatch.cli.pipeline.StreamsApp;
import io.newswatch.cli.web.DashboardRoutes;
import io.newswatch.enrich.Enricher;
import io.newswatch.web.HttpSettings;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.streams.state.HostInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "alerts", mixinStandardHelpOptions = true, subcommands = AlertsCommand.Tail.class,
    description = {"Runs the alerts stage alone against a Kafka cluster: news.articles.enriched and "
        + "news.watchlist in, news.alerts out, with the HTTP API and the dashboard. Stop with Ctrl-C."})
final class AlertsCommand implements Callable<Integer> {
  @Mixin ClusterOptions cluster;
  @Mixin DetectorOptions detector;
  @Mixin DetectorOptions.Discovery discovery;
  @Mixin ReplicationOptions replication;

  @Mixin StateDirOption state;

  @Mixin HttpOptions http;
  @Spec CommandSpec spec;

  @Option(names = "--advertised-host", defaultValue = "${env:NEWSWATCH_ADVERTISED_HOST:-localhost}", paramLabel = "HOST",
      description = "Host name by which other instances of the alerts stage reach this one's HTTP API, "
          + "to answer for the places they do not hold; also a name the server accepts as its Host "
          + "(default: ${DEFAULT-VALUE}). Instances of one deployment share one --http-token.")
  String advertisedHost;

  @Override
  public Integer call() throws Exception {
    Properties client = cluster.clientProperties();
    short replicas = replication.resolve(client);
    HttpSettings httpSettings = http.settings(state.stateDir, spec.commandLine().getOut(), advertisedHost);
    Running running = new Running();
    HostInfo self = new HostInfo(advertisedHost, httpSettings.port());
    StreamsApp alerts = running.add(Stages.startAlerts(client, cluster.topics(), replicas, state.stateDir,
        detector.settings(), discovery.alwaysWatched(detector), self));
    BrokerCheck broker = running.add(BrokerCheck.connect(client));
    running.add(HttpApi.start(httpSettings, () -> alerts.isRunning() && broker.reachable(),
        new StoreAlertQueries(alerts.streams(), self),
        DashboardRoutes.of(client, cluster.topics(), Enricher.loadDefault().gazetteer(), WatchCommand::resolve)));
    running.awaitStop();
    return 0;
  }

  @Command(name = "tail", mixinStandardHelpOptions = true,
      description = "Prints alerts as they arrive (a level and a one-line summary each; --json for the whole alert), "
          + "and keeps following until Ctrl-C, --max alerts or --timeout seconds without one: "
          + "the same as `newswatch tail alerts`.")
  static final class Tail implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ClusterOptions cluster;
    @Mixin TailCommand.Options options;

    @Override
    public Integer call() {
      return TailCommand.tail(cluster, "alerts", options, spec.commandLine().getOut());
    }
  }
}
