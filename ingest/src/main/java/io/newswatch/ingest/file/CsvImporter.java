package io.newswatch.ingest.file;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.RuntimeJsonMappingException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.newswatch.ingest.ArticleSink;
import io.newswatch.ingest.article.ArticleParser;
import io.newswatch.ingest.article.Rejected;
import java.io.IOException;
import java.io.Reader;
import java.util.List;
import java.util.Map;

/**
 * Imports raw articles from CSV with a header row. Each article field is read from the
 * column of the same name unless the mapping names another ({@code title=headline}); the
 * row then goes through the same parser as JSON Lines, so the rules are the same.
 */
public final class CsvImporter {
  /** The article fields a column can be mapped to. */
  public static final List<String> FIELDS =
      List.of("id", "url", "source", "title", "body", "publishedAt", "language", "author");

  private static final CsvMapper CSV = new CsvMapper();

  private final ArticleParser parser;
  private final Map<String, String> columnOf;

  /**
   * @param columnOf article field to CSV column; fields not named here are read from the
   *     column of the same name
   * @throws IllegalArgumentException when the mapping names a field articles do not have
   */
  public CsvImporter(ArticleParser parser, Map<String, String> columnOf) {
    columnOf.keySet().stream().filter(f -> !FIELDS.contains(f)).findFirst().ifPresent(f -> {
      throw new IllegalArgumentException("no article field " + f + " (fields: " + String.join(", ", FIELDS) + ")");
    });
    this.parser = parser;
    this.columnOf = Map.copyOf(columnOf);
  }

  /**
   * @throws IllegalArgumentException when the header has neither a title nor a body column
   */
  public ImportSummary importFrom(String origin, Reader input, ArticleSink sink) throws IOException {
    ImportCounter count = new ImportCounter(origin, sink);
    try (MappingIterator<Map<String, String>> rows = CSV.readerForMapOf(String.class)
        .with(CsvSchema.emptySchema().withHeader()).readValues(ByteOrderMark.skipped(input))) {
      boolean checkedHeader = false;
      while (true) {
        long line = rows.getCurrentLocation().getLineNr();
        Map<String, String> row;
        try {
          if (!rows.hasNextValue()) {
            break;
          }
          row = rows.nextValue();
        } catch (RuntimeJsonMappingException | IOException e) {
          count.offer(line, "", () -> { throw new Rejected("not a CSV row: " + e.getMessage()); });
          continue;
        }
        if (!checkedHeader) {
          checkHeader(((CsvParser) rows.getParser()).getSchema());
          checkedHeader = true;
        }
        ObjectNode article = JsonNodeFactory.instance.objectNode();
        for (String field : FIELDS) {
          String value = row.get(columnOf.getOrDefault(field, field));
          if (value != null && !value.isEmpty()) {
            article.put(field, value);
          }
        }
        count.offer(line, article.toString(), () -> parser.parse(article));
      }
    }
    return count.finish();
  }

  private void checkHeader(CsvSchema header) {
    String title = columnOf.getOrDefault("title", "title");
    String body = columnOf.getOrDefault("body", "body");
    if (header.column(title) == null && header.column(body) == null) {
      throw new IllegalArgumentException("the CSV header has no " + title + " or " + body
          + " column; map one with title=COLUMN or body=COLUMN (header: " + header.getColumnDesc() + ")");
    }
  }
}
