package io.newswatch.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newswatch.avro.ActorMention;
import io.newswatch.avro.EnrichedArticle;
import io.newswatch.avro.Intensity;
import io.newswatch.avro.Level;
import io.newswatch.avro.Mention;
import io.newswatch.avro.PlaceMention;
import io.newswatch.avro.Watch;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;

class AvroProjectionTest {
  private final AvroSerde<EnrichedArticle> articles = AvroSerde.of(EnrichedArticle.class);

  private static PlaceMention place(long id, String name, List<Mention> mentions) {
    return PlaceMention.newBuilder().setGeonameId(id).setName(name).setKind("locality").setCountryCode("UA")
        .setAdmin1("Donetsk Oblast").setLat(48.53).setLon(37.71).setPopulation(67_691).setConfidence(0.9)
        .setMentions(mentions).build();
  }

  private static EnrichedArticle article(String text, List<Mention> mentions) {
    PlaceMention kostiantynivka = place(705104, "Kostiantynivka", mentions);
    return EnrichedArticle.newBuilder().setId("a1").setUrl("https://example.org/1").setSource("example.org")
        .setTitle("Обстріл Костянтинівки").setPublishedAt(Instant.parse("2025-11-20T14:05:00Z"))
        .setIngestedAt(Instant.parse("2025-11-20T14:06:00Z")).setLanguage("uk").setText(text)
        .setPlaces(List.of(kostiantynivka, place(704508, "Kramatorsk", mentions))).setFocus(kostiantynivka)
        .setActors(List.of(ActorMention.newBuilder().setId("RUS.MIL").setName("Russian forces").setType("military")
            .setCountry("RU").setMentions(mentions).build()))
        .setIntensity(new Intensity(0.7, List.of("обстріл"))).setFingerprint(0x5eedL).setTruncated(true).build();
  }

  @Test
  void anArticleReadWithoutItsTextAndMentionsKeepsEverythingElse() {
    List<Mention> mentions = List.of(new Mention("Костянтинівки", 8, 21), new Mention("Kostiantynivka", 40, 54));
    byte[] written = articles.toBytes(article("Обстріл Костянтинівки\n\nKostiantynivka was shelled ...", mentions));

    EnrichedArticle read = articles.without("text", "mentions").deserialize("t", written);

    assertThat(read).isEqualTo(article("", List.of()));
  }

  @Test
  void readsRecordsOfAReleasedVersionAndEnums() throws Exception {
    byte[] bytes = AvroSerdeTest.watchWrittenWithTheFirstRelease();

    Watch read = AvroSerde.of(Watch.class).without("name").deserialize("t", bytes);

    assertThat(read.getName()).isEmpty();
    assertThat(read.getPlaceId()).isEqualTo(705104L);
    assertThat(read.getMinLevel()).isEqualTo(Level.ESCALATING);
    assertThat(read.getAddedAt()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_000L));
  }

  @Test
  void onlyStringsAndListsCanBeLeftOut() {
    assertThatThrownBy(() -> articles.without("fingerprint"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("EnrichedArticle.fingerprint");
  }

  @Test
  void bytesThatAreNotAnArticleAreASerializationErrorThatNamesTheType() {
    Deserializer<EnrichedArticle> projection = articles.without("text");

    assertThatThrownBy(() -> projection.deserialize("t", "{\"id\":\"a1\"}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(SerializationException.class).hasMessageContaining("EnrichedArticle");
  }
}
