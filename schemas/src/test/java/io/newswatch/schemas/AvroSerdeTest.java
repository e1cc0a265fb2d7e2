package io.newswatch.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newswatch.avro.Level;
import io.newswatch.avro.RawArticle;
import io.newswatch.avro.Watch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {
  private final AvroSerde<RawArticle> serde = AvroSerde.of(RawArticle.class);

  static RawArticle article() {
    return RawArticle.newBuilder()
        .setId("a1").setUrl("https://example.org/1").setSource("example.org")
        .setTitle("Shelling in Konstantinovka").setBody("Body")
        .setPublishedAt(Instant.parse("2025-11-20T14:05:00Z"))
        .setIngestedAt(Instant.parse("2025-11-20T14:06:00Z"))
        .build();
  }

  @Test
  void roundTripsARecord() {
    RawArticle article = article();

    byte[] bytes = serde.serializer().serialize("t", article);

    assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(article);
  }

  @Test
  void bytesThatAreNotAvroAreASerializationErrorThatNamesTheType() {
    byte[] garbage = "{\"id\":\"not avro\"}".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> serde.deserializer().deserialize("t", garbage))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("RawArticle");
  }

  /** Kostiantynivka watched from ESCALATING, as the first released version of the schema wrote it. */
  static byte[] watchWrittenWithTheFirstRelease() throws IOException {
    Schema v1 = ReleasedSchemas.of(Watch.class).get(0);
    GenericRecord old = new GenericData.Record(v1);
    old.put("placeId", 705104L);
    old.put("name", "Kostiantynivka");
    old.put("minLevel", new GenericData.EnumSymbol(v1.getField("minLevel").schema(), "ESCALATING"));
    old.put("addedAt", 1_700_000_000_000L);
    var buffer = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old);
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }

  @Test
  void readsARecordWrittenWithTheReleasedSchema() throws IOException {
    Watch read = AvroSerde.of(Watch.class).fromBytes(watchWrittenWithTheFirstRelease());

    assertThat(read.getPlaceId()).isEqualTo(705104L);
    assertThat(read.getMinLevel()).isEqualTo(Level.ESCALATING);
  }
}
