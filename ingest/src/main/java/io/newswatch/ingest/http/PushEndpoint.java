package io.newswatch.ingest.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.newswatch.avro.RawArticle;
import io.newswatch.ingest.ArticleSink;
import io.newswatch.ingest.NotStored;
import io.newswatch.ingest.article.ArticleParser;
import io.newswatch.ingest.file.ImportSummary;
import io.newswatch.ingest.file.JsonLinesImporter;
import io.newswatch.schemas.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * {@code POST /api/articles}: one JSON article, or a batch of them as JSON Lines. Valid
 * articles are sent (copies of articles already sent are counted, not sent again); invalid
 * lines are dead-lettered and answered with 400 and a reason per line. Who may push, and
 * in which content type, the server's request guard has decided before.
 */
public final class PushEndpoint {
  /**
   * Strict about what follows a value: a body that is one object and then something else is
   * not one article, and is read as JSON Lines instead, line by line.
   */
  private static final ObjectReader ONE_VALUE = Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  static final int MAX_CONCURRENT_UPLOADS = 16;

  private final JsonLinesImporter importer;
  private final ArticleSink sink;
  private final PushSettings settings;
  private final Counter accepted;
  private final Counter duplicates;
  private final Counter rejected;
  /**
   * Bodies being read at once. Each holds a server thread while its client sends; past this
   * many, a push is turned away (503, Retry-After) rather than queued, so that slow uploads
   * cannot take every thread from the rest of the server.
   */
  private final Semaphore uploads = new Semaphore(MAX_CONCURRENT_UPLOADS);

  public PushEndpoint(ArticleParser parser, ArticleSink sink, PushSettings settings, MeterRegistry registry) {
    this.importer = new JsonLinesImporter(parser);
    this.sink = sink;
    this.settings = settings;
    this.accepted = Counter.builder("newswatch.push.articles").tag("outcome", "sent").register(registry);
    this.duplicates = Counter.builder("newswatch.push.articles").tag("outcome", "duplicate").register(registry);
    this.rejected = Counter.builder("newswatch.push.articles").tag("outcome", "rejected").register(registry);
  }

  void handle(Context ctx) throws IOException {
    if (!uploads.tryAcquire()) {
      ctx.header("Retry-After", "1");
      json(ctx, HttpStatus.SERVICE_UNAVAILABLE, Map.of("error",
          MAX_CONCURRENT_UPLOADS + " pushes are being read already: retry in a moment"));
      return;
    }
    try {
      take(ctx);
    } finally {
      uploads.release();
    }
  }

  private void take(Context ctx) throws IOException {
    byte[] body = readAtMost(ctx.bodyInputStream(), settings.maxBytes() + 1);
    if (body.length > settings.maxBytes()) {
      json(ctx, HttpStatus.CONTENT_TOO_LARGE, Map.of("error",
          "the body is over " + settings.maxBytes() + " bytes: send smaller batches"));
      return;
    }
    List<LineError> errors = new ArrayList<>();
    ArticleSink reporting = new ArticleSink() {
      @Override public boolean accept(RawArticle article) { return sink.accept(article); }
      @Override public void reject(String origin, long line, String input, String reason) {
        errors.add(new LineError(line, reason));
        sink.reject(origin, line, input, reason);
      }
      @Override public void flush() { sink.flush(); }
      @Override public void close() { }
    };
    ImportSummary summary;
    try {
      summary = importer.importFrom("POST /api/articles from " + ctx.ip(),
          new StringReader(asJsonLines(new String(body, StandardCharsets.UTF_8))), reporting);
    } catch (NotStored e) {
      // the articles that were stored are not stored again when the batch is sent again
      ctx.header("Retry-After", "10");
      json(ctx, HttpStatus.SERVICE_UNAVAILABLE, Map.of("error", "not stored: " + e.getMessage()
          + "; send the batch again later (articles already stored are counted as duplicates)",
          "notStored", e.articleIds().size()));
      return;
    }
    accepted.increment(summary.sent());
    duplicates.increment(summary.duplicates());
    rejected.increment(summary.rejected());
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("read", summary.read());
    answer.put("sent", summary.sent());
    answer.put("duplicates", summary.duplicates());
    answer.put("rejected", summary.rejected());
    answer.put("errors", errors);
    json(ctx, errors.isEmpty() ? HttpStatus.OK : HttpStatus.BAD_REQUEST, answer);
  }

  /** Why one line of a batch was rejected. */
  record LineError(long line, String reason) {}

  /** One pretty-printed JSON object becomes one line; anything else is read as JSON Lines. */
  private static String asJsonLines(String body) {
    try {
      JsonNode one = ONE_VALUE.readTree(body);
      return one != null && one.isObject() ? one.toString() : body;
    } catch (JsonProcessingException notOneObject) {
      return body;
    }
  }

  private static byte[] readAtMost(InputStream in, long max) throws IOException {
    return in.readNBytes((int) Math.min(max, Integer.MAX_VALUE - 8));
  }

  private static void json(Context ctx, HttpStatus status, Object body) throws JsonProcessingException {
    ctx.status(status).contentType("application/json").result(Json.MAPPER.writeValueAsString(body));
  }
}
