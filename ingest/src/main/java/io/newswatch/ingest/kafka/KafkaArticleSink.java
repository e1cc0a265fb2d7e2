package io.newswatch.ingest.kafka;

import io.newswatch.avro.RawArticle;
import io.newswatch.ingest.ArticleSink;
import io.newswatch.ingest.article.ArticleParser;
import io.newswatch.schemas.DeadLetters;
import io.newswatch.schemas.Topic;
import io.newswatch.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes articles to the raw topic and rejects to the dead-letter topic, with an
 * idempotent producer (acks=all), so a retried send is never stored twice. A send that
 * fails for good fails the import at the next flush instead of passing unnoticed. A rejected
 * input too long for one record is kept cut, so that it cannot fail the import.
 */
public final class KafkaArticleSink implements ArticleSink {
  private final Producer<byte[], byte[]> producer;
  private final Topic<String, RawArticle> raw;
  private final String deadLetterTopic;
  private final AtomicReference<Exception> failure = new AtomicReference<>();

  public KafkaArticleSink(Properties clientProperties, Topics topics) {
    Properties props = new Properties();
    props.putAll(clientProperties);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    this.producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    this.raw = topics.raw();
    this.deadLetterTopic = topics.deadLetter().name();
  }

  @Override
  public boolean accept(RawArticle article) {
    byte[] key = raw.keySerde().serializer().serialize(raw.name(), article.getId());
    byte[] value = raw.valueSerde().serializer().serialize(raw.name(), article);
    producer.send(new ProducerRecord<>(raw.name(), key, value), this::remember);
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
    producer.send(record, this::remember);
  }

  private void remember(Object metadata, Exception e) {
    if (e != null) {
      failure.compareAndSet(null, e);
    }
  }

  @Override
  public void flush() {
    producer.flush();
    Exception e = failure.get();
    if (e != null) {
      throw new KafkaException("could not write to Kafka: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
