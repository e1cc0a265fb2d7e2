package io.newswatch.schemas;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;

/**
 * What a Streams app does when a record it produced cannot be written:
 *
 * <ul>
 *   <li>it cannot be serialized, or it is larger than the producer or broker takes: the fault is
 *       that record's, and it would fail the same way on every retry. It is dropped (Kafka
 *       Streams counts it in {@code dropped-records}), a dead letter is written in its place,
 *       and processing goes on;
 *   <li>a retriable error (a timeout, a leader moving): retried, as Kafka Streams' default does;
 *   <li>anything else: the stream thread fails, and the app's thread policy decides.
 * </ul>
 *
 * <p>The dead letter is the input record being processed when the failed record was produced,
 * the bytes that came in (none in a punctuation), with the reason and the input topic in
 * {@link DeadLetters} headers; it goes to the topic {@code errors.dead.letter.queue.topic.name}
 * names, as the other handlers' do. A serialization failure happens before the producer, so the
 * dead letter commits with the rest of the transaction. A too-large record under exactly-once
 * is refused by the producer, which then aborts the whole transaction: the task fails at its
 * commit and is retried, so there only the app's thread policy stops it.
 */
public final class ProductionFailures implements ProductionExceptionHandler {
  private String deadLetterTopic;

  @Override
  public void configure(Map<String, ?> configs) {
    Object topic = configs.get("errors.dead.letter.queue.topic.name");
    deadLetterTopic = topic == null ? null : topic.toString();
  }

  @Override
  public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
      Exception exception) {
    if (exception instanceof RecordTooLargeException) {
      return Response.resume(deadLetter(context, record.topic(), exception));
    }
    return exception instanceof RetriableException ? Response.retry() : Response.fail();
  }

  @Override
  @SuppressWarnings("rawtypes")
  public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record,
      Exception exception, SerializationExceptionOrigin origin) {
    return Response.resume(deadLetter(context, record.topic(), exception));
  }

  private List<ProducerRecord<byte[], byte[]>> deadLetter(ErrorHandlerContext context, String topic,
      Exception exception) {
    if (deadLetterTopic == null) {
      return List.of();
    }
    var letter = new ProducerRecord<>(deadLetterTopic, context.sourceRawKey(), context.sourceRawValue());
    Headers headers = letter.headers();
    DeadLetters.put(headers, DeadLetters.REASON, "could not write to " + topic + ": " + exception.getMessage());
    DeadLetters.put(headers, DeadLetters.ORIGIN, context.topic());
    return List.of(letter);
  }
}
