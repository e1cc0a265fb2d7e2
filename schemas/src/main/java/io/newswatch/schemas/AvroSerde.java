package io.newswatch.schemas;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Avro single-object encoding (a 2-byte marker, the schema's 64-bit fingerprint, then
 * the binary record), so every record names the schema it was written with and no
 * registry is needed. Records written with any released version of the schema are
 * read into the current class.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {
  private static final Map<Class<?>, AvroSerde<?>> CACHE = new ConcurrentHashMap<>();

  private final Class<T> type;
  private final BinaryMessageEncoder<T> encoder;
  private final BinaryMessageDecoder<T> decoder;

  private AvroSerde(Class<T> type) {
    this.type = type;
    SpecificData model = SpecificData.getForClass(type);
    var schema = model.getSchema(type);
    this.encoder = new BinaryMessageEncoder<>(model, schema);
    this.decoder = new BinaryMessageDecoder<>(model, schema);
    ReleasedSchemas.of(type).forEach(decoder::addSchema);
  }

  @SuppressWarnings("unchecked")
  public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type) {
    return (AvroSerde<T>) CACHE.computeIfAbsent(type, t -> new AvroSerde<>(type));
  }

  public byte[] toBytes(T record) {
    try {
      ByteBuffer buffer = encoder.encode(record);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("cannot write " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  public T fromBytes(byte[] bytes) {
    try {
      return decoder.decode(bytes);
    } catch (IOException | RuntimeException e) {
      throw unreadable(type, e);
    }
  }

  /** Why bytes are no readable record of {@code type}: the reason a dead letter carries. */
  static SerializationException unreadable(Class<?> type, Exception e) {
    if (e instanceof MissingSchemaException) {
      return new SerializationException("not a readable " + type.getSimpleName()
          + " record: written with an unknown schema, not a released version (" + e.getMessage() + ")", e);
    }
    return new SerializationException("not a readable " + type.getSimpleName() + " record: " + e.getMessage(), e);
  }

  /**
   * A deserializer for readers that need less than the whole record: it leaves out the fields
   * of these names at any depth, each read as empty ({@link AvroProjection}).
   */
  public Deserializer<T> without(String... fields) {
    return new AvroProjection<>(type, Set.of(fields));
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, record) -> record == null ? null : toBytes(record);
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, bytes) -> bytes == null ? null : fromBytes(bytes);
  }
}
