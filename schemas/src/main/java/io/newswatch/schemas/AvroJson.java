package io.newswatch.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.IndexedRecord;

/**
 * Avro records as the plain JSON people and scripts read: field names as in the
 * schema, unions unwrapped, enums as strings, timestamps as ISO-8601 UTC strings.
 * Used by {@code tag}, {@code backtest}, {@code tail} and the HTTP API alike.
 */
public final class AvroJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private AvroJson() {}

  public static ObjectNode toJson(IndexedRecord record) {
    return (ObjectNode) value(record.getSchema(), record);
  }

  public static String toJsonLine(IndexedRecord record) {
    return toJson(record).toString();
  }

  private static JsonNode value(Schema schema, Object datum) {
    if (datum == null) {
      return NODES.nullNode();
    }
    switch (schema.getType()) {
      case UNION:
        return value(schema.getTypes().get(GenericData.get().resolveUnion(schema, datum)), datum);
      case RECORD: {
        IndexedRecord record = (IndexedRecord) datum;
        ObjectNode node = NODES.objectNode();
        for (Schema.Field field : schema.getFields()) {
          node.set(field.name(), value(field.schema(), record.get(field.pos())));
        }
        return node;
      }
      case ARRAY: {
        ArrayNode array = NODES.arrayNode();
        for (Object item : (Collection<?>) datum) {
          array.add(value(schema.getElementType(), item));
        }
        return array;
      }
      case MAP: {
        ObjectNode node = NODES.objectNode();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) datum).entrySet()) {
          node.set(e.getKey().toString(), value(schema.getValueType(), e.getValue()));
        }
        return node;
      }
      case LONG:
        if (schema.getLogicalType() instanceof LogicalTypes.TimestampMillis) {
          long millis = datum instanceof Instant i ? i.toEpochMilli() : (Long) datum;
          return NODES.textNode(Instant.ofEpochMilli(millis).toString());
        }
        return NODES.numberNode((Long) datum);
      case INT:
        return NODES.numberNode((Integer) datum);
      case DOUBLE:
        return NODES.numberNode((Double) datum);
      case FLOAT:
        return NODES.numberNode((Float) datum);
      case BOOLEAN:
        return NODES.booleanNode((Boolean) datum);
      case BYTES: {
        var buffer = ((java.nio.ByteBuffer) datum).duplicate();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return NODES.binaryNode(bytes);
      }
      default: // STRING, ENUM, FIXED
        return NODES.textNode(datum.toString());
    }
  }
}
