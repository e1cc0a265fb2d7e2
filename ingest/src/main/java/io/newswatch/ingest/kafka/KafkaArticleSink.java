package io.newswatch.ingest.kafka;

import io.newswatch.avro.RawArticle;
import io.newswatch.ingest.ArticleSink;
import io.newswatch.ingest.NotStored;
import io.newswatch.ingest.article.ArticleParser;
import io.newswatch.schemas.DeadLetters;
import io.newswatch.schemas.Topic;
import io.newswatch.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes articles to the raw topic and rejects to the dead-letter topic, with an
 * idempotent producer (acks=all), so a retried send is never stored twice. A send that
 * fails for good (the broker away for longer than {@code delivery.timeout.ms}) fails the
 * flush of the thread that sent it, naming the articles not stored, and only that flush: the
 * producer goes on, so the sender's next try, once the broker is back, succeeds. A rejected
 * input too long for one record is kept cut, so that it cannot fail the import.
 */
public final class KafkaArticleSink implements ArticleSink {
  private final Producer<byte[], byte[]> producer;
  private final Topic<String, RawArticle> raw;
  private final String deadLetterTopic;
  /** Each thread's sends since its last flush: an article's id (null for a rejected input) and its outcome. */
  private final ThreadLocal<List<Sent>> unflushed = ThreadLocal.withInitial(ArrayList::new);

  private record Sent(String articleId, Future<RecordMetadata> outcome) {}

  public KafkaArticleSink(Properties clientProperties, Topics topics) {
    this(producer(clientProperties), topics);
  }

  KafkaArticleSink(Producer<byte[], byte[]> producer, Topics topics) {
    this.producer = producer;
    this.raw = topics.raw();
    this.deadLetterTopic = topics.deadLetter().name();
  }

  private static Producer<byte[], byte[]> producer(Properties clientProperties) {
    Properties props = new Properties();
    props.putAll(clientProperties);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }

  @Override
  public boolean accept(RawArticle article) {
    byte[] key = raw.keySerde().serializer().serialize(raw.name(), article.getId());
    byte[] value = raw.valueSerde().serializer().serialize(raw.name(), article);
    unflushed.get().add(new Sent(article.getId(), producer.send(new ProducerRecord<>(raw.name(), key, value))));
    return true;
  }

  @Override
  public void reject(String origin, long line, String input, String reason) {
    boolean cut = input.length() > ArticleParser.MAX_CHARS;
    String kept = cut ? input.substring(0, ArticleParser.MAX_CHARS) : input;
    var record = new ProducerRecord<byte[], byte[]>(deadLetterTopic, null, kept.getBytes(StandardCharsets.UTF_8));
    DeadLetters.put(record.headers(), DeadLetters.REASON,
        cut ? reason + " (its first " + ArticleParser.MAX_CHARS + " characters kept)" : reason);
    DeadLetters.put(record.headers(), DeadLetters.STAGE, "ingest");
    DeadLetters.put(record.headers(), DeadLetters.ORIGIN, origin);
    if (line > 0) {
      DeadLetters.put(record.headers(), DeadLetters.LINE, Long.toString(line));
    }
    unflushed.get().add(new Sent(null, producer.send(record)));
  }

  @Override
  public void flush() {
    List<Sent> mine = unflushed.get();
    unflushed.remove();
    producer.flush();
    List<String> notStored = new ArrayList<>();
    Throwable first = null;
    int failed = 0;
    for (Sent sent : mine) {
      try {
        sent.outcome().get(); // done: the flush waited for every send
      } catch (ExecutionException e) {
        first = first == null ? e.getCause() : first;
        failed++;
        if (sent.articleId() != null) {
          notStored.add(sent.articleId());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new NotStored("interrupted while storing", mine.stream().map(Sent::articleId)
            .filter(Objects::nonNull).toList(), e);
      }
    }
    if (first != null) {
      throw new NotStored("could not write " + failed + " of " + mine.size() + " records to Kafka: "
          + first.getMessage(), notStored, first);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
