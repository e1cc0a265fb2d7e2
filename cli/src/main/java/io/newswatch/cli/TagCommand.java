package io.newswatch.cli;

import io.newswatch.avro.EnrichedArticle;
import io.newswatch.enrich.Enricher;
import io.newswatch.schemas.AvroJson;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "tag", mixinStandardHelpOptions = true,
    description = {"Tags raw articles offline with the code the enrich stage runs: JSON Lines of raw "
        + "articles in, JSON Lines of enriched articles (places, focus, actors, intensity, fingerprint) out."})
final class TagCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--in", required = true, paramLabel = "FILE", description = "Raw articles, JSON Lines (- for standard input).")
  Path in;

  @Option(names = "--out", defaultValue = "-", paramLabel = "FILE", description = "Enriched articles, JSON Lines (default: standard output).")
  Path out;

  @Mixin EnrichmentOptions enrichmentOptions;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    var articles = RawArticleFiles.read(in, err);
    Enricher enrichment = enrichmentOptions.enricher();
    try (PrintWriter writer = OutputFiles.open(out, spec)) {
      for (var raw : articles) {
        EnrichedArticle enriched = enrichment.enrich(raw);
        writer.println(AvroJson.toJsonLine(enriched));
      }
    }
    return 0;
  }
}
