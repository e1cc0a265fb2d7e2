package io.newswatch.cli;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.newswatch.cli.pipeline.Running;
import io.newswatch.ingest.NotStored;
import io.newswatch.ingest.article.ArticleParser;
import io.newswatch.ingest.feed.FeedStatus;
import io.newswatch.ingest.file.CsvImporter;
import io.newswatch.ingest.file.ImportSummary;
import io.newswatch.ingest.file.JsonLinesImporter;
import io.newswatch.ingest.http.IngestHttp;
import io.newswatch.ingest.kafka.KafkaFeedStateStore;
import io.newswatch.ingest.kafka.KafkaIngest;
import io.newswatch.web.HttpSettings;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = {"Sends raw articles to news.articles.raw: from a JSON Lines or CSV file, by polling RSS and "
        + "Atom feeds, or from HTTP push (POST /api/articles).",
        "An article reaching us twice (two feeds, a re-post, a restart) is sent once: its id is the hash of its "
            + "canonical URL, and ids already on news.articles.raw from the last 7 days are skipped. Input that is "
            + "not a valid article goes to news.deadletter with its origin and reason; the rest go on.",
        "Feeds and push run until Ctrl-C; --status shows every feed's counts from news.ingest.feeds."},
    footer = "%nExit status: 0 when every line was sent or skipped as a copy, 2 when some were rejected or the "
        + "input is unreadable.")
final class IngestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ClusterOptions cluster;
  @Mixin IngestOptions live;

  @Option(names = "--file", paramLabel = "FILE", description = "JSON Lines or CSV file, or - for standard input.")
  Path file;

  @Option(names = "--format", defaultValue = "jsonl", paramLabel = "FORMAT",
      description = "Format of --file: jsonl (default) or csv (with a header row).")
  String format;

  @Option(names = "--column", paramLabel = "FIELD=COLUMN",
      description = "CSV: read the article field from this column, e.g. title=headline (repeatable; "
          + "default: the column named like the field).")
  Map<String, String> columns = new LinkedHashMap<>();

  @Option(names = "--serve", description = "Take articles on POST /api/articles (and show /metrics) on --http-port.")
  boolean serve;

  @Mixin HttpOptions http;

  @Option(names = "--data-dir", defaultValue = "${env:NEWSWATCH_DATA_DIR:-data}", paramLabel = "DIR",
      description = "Where --serve keeps a generated access token, as `up` does (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--status", description = "Print each feed's fetches, 304s, new items, duplicates, "
      + "rejections, failures and last success, and exit.")
  boolean status;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    int modes = (file != null ? 1 : 0) + (live.hasFeeds() || serve ? 1 : 0) + (status ? 1 : 0);
    if (modes != 1) {
      throw new UserError("give one of --file, --feeds/--feed/--serve, or --status");
    }
    if (status) {
      out.print(FeedStatus.table(KafkaFeedStateStore.read(cluster.clientProperties(), cluster.topics()).values(),
          Instant.now()));
      out.flush();
      return 0;
    }
    return file != null ? importFile(out) : runLive(out);
  }

  private int importFile(PrintWriter out) throws Exception {
    ArticleParser parser = new ArticleParser(Clock.systemUTC());
    ImportSummary summary;
    try (KafkaIngest ingest = KafkaIngest.connect(cluster.clientProperties(), cluster.topics());
         Reader in = RawArticleFiles.open(file)) {
      summary = switch (format) {
        case "jsonl" -> new JsonLinesImporter(parser).importFrom(file.toString(), in, ingest.sink());
        case "csv" -> csv(parser).importFrom(file.toString(), in, ingest.sink());
        default -> throw new UserError("unsupported --format " + format + " (supported: jsonl, csv)");
      };
    } catch (IllegalArgumentException e) {
      throw new UserError(file + ": " + e.getMessage());
    } catch (NotStored e) {
      throw new UserError(file + ": " + e.articleIds().size() + " articles not stored (" + e.getMessage()
          + "); run the import again when Kafka is back: the articles already stored are skipped");
    }
    out.println(summary.report());
    return summary.rejected() == 0 ? 0 : 2;
  }

  private CsvImporter csv(ArticleParser parser) {
    try {
      return new CsvImporter(parser, columns);
    } catch (IllegalArgumentException e) {
      throw new UserError("--column: " + e.getMessage());
    }
  }

  private int runLive(PrintWriter out) throws InterruptedException {
    var feeds = live.feeds();
    HttpSettings httpSettings = serve ? http.settings(dataDir, out) : null;
    Running running = new Running();
    try {
      KafkaIngest ingest = running.add(KafkaIngest.connect(cluster.clientProperties(), cluster.topics()));
      PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      if (!feeds.isEmpty()) {
        ingest.pollFeeds(feeds, live.limits(), metrics);
        out.println("polling " + feeds.size() + " feeds");
      }
      if (serve) {
        var server = IngestHttp.serve(httpSettings, ingest.routes(live.push(), metrics));
        running.add(server::stop);
        out.println("taking articles on " + http.displayUrl() + "api/articles; metrics on /metrics");
      }
      out.println("Ctrl-C stops.");
      out.flush();
      running.awaitStop();
      return 0;
    } catch (RuntimeException e) {
      running.close();
      throw e;
    }
  }
}
