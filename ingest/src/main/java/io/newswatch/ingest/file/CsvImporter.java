package io.newswatch.ingest.file;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * row then goes through the same parser as JSON Lines, so the rules are the same. A row that
 * cannot be read ({@link CsvRecords}) or has not as many fields as the header is rejected
 * with the line it starts on, and the rows after it are read.
 */
public final class CsvImporter {
  /** The article fields a column can be mapped to. */
  public static final List<String> FIELDS =
      List.of("id", "url", "source", "title", "body", "publishedAt", "language", "author");

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
   * @throws IllegalArgumentException when the header cannot be read, or has neither a title nor
   *     a body column
   */
  public ImportSummary importFrom(String origin, Reader input, ArticleSink sink) throws IOException {
    ImportCounter count = new ImportCounter(origin, sink);
    CsvRecords records = new CsvRecords(ByteOrderMark.skipped(input));
    CsvRecords.Record header = records.next();
    if (header != null) {
      List<String> columns = columns(header);
      for (CsvRecords.Record row = records.next(); row != null; row = records.next()) {
        CsvRecords.Record record = row;
        count.offer(record.line(), record.text(), () -> parser.parse(article(columns, record)));
      }
    }
    return count.finish();
  }

  private List<String> columns(CsvRecords.Record header) {
    if (header.malformed() != null) {
      throw new IllegalArgumentException("the CSV header (line " + header.line() + ") cannot be read: "
          + header.malformed());
    }
    String title = columnOf.getOrDefault("title", "title");
    String body = columnOf.getOrDefault("body", "body");
    if (!header.fields().contains(title) && !header.fields().contains(body)) {
      throw new IllegalArgumentException("the CSV header has no " + title + " or " + body
          + " column; map one with title=COLUMN or body=COLUMN (header: " + header.text() + ")");
    }
    return header.fields();
  }

  /** A row as the article fields its columns map to; an empty value is a missing field. */
  private ObjectNode article(List<String> columns, CsvRecords.Record record) throws Rejected {
    List<String> values = record.fieldsOrRejected();
    if (values.size() != columns.size()) {
      throw new Rejected(values.size() + (values.size() == 1 ? " field" : " fields") + " where the header has "
          + columns.size());
    }
    ObjectNode article = JsonNodeFactory.instance.objectNode();
    for (String field : FIELDS) {
      // The first column of the name, should the header repeat one.
      int column = columns.indexOf(columnOf.getOrDefault(field, field));
      if (column >= 0 && !values.get(column).isEmpty()) {
        article.put(field, values.get(column));
      }
    }
    return article;
  }
}
