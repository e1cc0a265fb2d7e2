package io.newswatch.cli;

import io.newswatch.ingest.article.ArticleParser;
import io.newswatch.ingest.file.ImportSummary;
import io.newswatch.ingest.file.JsonLinesImporter;
import io.newswatch.ingest.kafka.KafkaArticleSink;
import java.io.Reader;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = {"Sends raw articles from a JSON Lines file to news.articles.raw.",
        "Each line is one article: {\"id\",\"url\",\"source\",\"title\",\"body\",\"publishedAt\",\"language\"}; "
            + "only title or body is required. A malformed line goes to news.deadletter with its line number "
            + "and reason; the rest go on."},
    footer = "%nExit status: 0 when every line was sent, 2 when some were rejected or the file is unreadable.")
final class IngestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ClusterOptions cluster;

  @Option(names = "--file", required = true, paramLabel = "FILE", description = "JSON Lines file, or - for standard input.")
  Path file;

  @Option(names = "--format", defaultValue = "jsonl", paramLabel = "FORMAT", description = "Input format: jsonl (default).")
  String format;

  @Override
  public Integer call() throws Exception {
    if (!format.equals("jsonl")) {
      throw new UserError("unsupported --format " + format + " (supported: jsonl)");
    }
    ImportSummary summary;
    try (KafkaArticleSink sink = new KafkaArticleSink(cluster.clientProperties(), cluster.topics());
         Reader in = RawArticleFiles.open(file)) {
      summary = new JsonLinesImporter(new ArticleParser(Clock.systemUTC())).importFrom(file.toString(), in, sink);
    }
    spec.commandLine().getOut().println(summary);
    return summary.rejected() == 0 ? 0 : 2;
  }
}
