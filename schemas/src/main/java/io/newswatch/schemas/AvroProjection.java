package io.newswatch.schemas;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads records that {@link AvroSerde} wrote, of any released version, leaving out the fields of
 * the given names wherever they are (an article's text and every place's and actor's mentions,
 * say): Avro skips their bytes instead of decoding them. The records come back as the generated
 * class, each left-out field empty (an empty string or list), for readers that never look at it.
 *
 * <p>Only strings and arrays can be left out: an empty one is a value no reader can take for
 * data, where a zero or a null could be.
 */
final class AvroProjection<T extends SpecificRecord> implements Deserializer<T> {
  private final Class<T> type;
  private final Schema full;
  private final BinaryMessageDecoder<GenericRecord> decoder;

  AvroProjection(Class<T> type, Set<String> leftOut) {
    this.type = type;
    SpecificData model = SpecificData.getForClass(type);
    this.full = model.getSchema(type);
    // the generated classes' conversions (timestamps as Instant) hold for the projection too
    GenericData projected = new GenericData();
    model.getConversions().forEach(projected::addLogicalTypeConversion);
    this.decoder = new BinaryMessageDecoder<>(projected, project(full, leftOut, new HashMap<>()));
    decoder.addSchema(full);
    ReleasedSchemas.of(type).forEach(decoder::addSchema);
  }

  @Override
  public T deserialize(String topic, byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    try {
      return type.cast(toSpecific(decoder.decode(bytes), full));
    } catch (IOException | RuntimeException e) {
      throw AvroSerde.unreadable(type, e);
    }
  }

  /** {@code schema} without the fields named in {@code leftOut}, at any depth. */
  private static Schema project(Schema schema, Set<String> leftOut, Map<String, Schema> projected) {
    return switch (schema.getType()) {
      case RECORD -> {
        Schema known = projected.get(schema.getFullName());
        if (known != null) {
          yield known;
        }
        Schema record = Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false);
        projected.put(schema.getFullName(), record);
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : schema.getFields()) {
          if (!leftOut.contains(field.name())) {
            fields.add(new Schema.Field(field, project(field.schema(), leftOut, projected)));
          } else if (empty(field.schema()) == null) {
            throw new IllegalArgumentException(schema.getName() + "." + field.name()
                + " is neither a string nor a list: it cannot be left out");
          }
        }
        record.setFields(fields);
        yield record;
      }
      case ARRAY -> Schema.createArray(project(schema.getElementType(), leftOut, projected));
      case MAP -> Schema.createMap(project(schema.getValueType(), leftOut, projected));
      case UNION -> Schema.createUnion(schema.getTypes().stream().map(s -> project(s, leftOut, projected)).toList());
      default -> schema;
    };
  }

  /** What a left-out field of this type holds: null when it cannot be left out. */
  private static Object empty(Schema schema) {
    return switch (schema.getType()) {
      case STRING -> "";
      case ARRAY -> List.of();
      default -> null;
    };
  }

  /** A decoded value as the generated classes hold it, {@code schema} being its full schema. */
  private static Object toSpecific(Object value, Schema schema) {
    if (value == null) {
      return null;
    }
    return switch (schema.getType()) {
      case RECORD -> {
        GenericRecord read = (GenericRecord) value;
        SpecificRecord record = (SpecificRecord) SpecificData.get().newRecord(null, schema);
        for (Schema.Field field : schema.getFields()) {
          Schema.Field kept = read.getSchema().getField(field.name());
          record.put(field.pos(), kept == null ? empty(field.schema()) : toSpecific(read.get(kept.pos()), field.schema()));
        }
        yield record;
      }
      case ARRAY -> {
        List<?> read = (List<?>) value;
        List<Object> list = new ArrayList<>(read.size());
        for (Object element : read) {
          list.add(toSpecific(element, schema.getElementType()));
        }
        yield list;
      }
      case MAP -> {
        Map<?, ?> read = (Map<?, ?>) value;
        Map<Object, Object> map = new HashMap<>();
        read.forEach((k, v) -> map.put(k, toSpecific(v, schema.getValueType())));
        yield map;
      }
      case UNION -> toSpecific(value, schema.getTypes().get(GenericData.get().resolveUnion(schema, value)));
      case ENUM -> SpecificData.get().createEnum(value.toString(), schema);
      default -> value;
    };
  }
}
