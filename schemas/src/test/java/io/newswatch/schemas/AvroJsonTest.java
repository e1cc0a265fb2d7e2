package io.newswatch.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AvroJsonTest {
  @Test
  void writesTimestampsAsIsoAndUnionsAsPlainValues() {
    var json = AvroJson.toJson(AvroSerdeTest.article());

    assertThat(json.get("publishedAt").asText()).isEqualTo("2025-11-20T14:05:00Z");
    assertThat(json.get("url").asText()).isEqualTo("https://example.org/1");
    assertThat(json.get("language").isNull()).isTrue();
  }
}
