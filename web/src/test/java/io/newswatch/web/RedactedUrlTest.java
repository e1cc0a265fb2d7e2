package io.newswatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactedUrlTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "https://user:pa55@hooks.example.org/in|https://***@hooks.example.org/in",
      "https://token@hooks.example.org:8443/in|https://***@hooks.example.org:8443/in",
      "https://a:b@c@hooks.example.org/in|https://***@hooks.example.org/in",
      "https://hooks.example.org/in?token=abc&x=1|https://hooks.example.org/in?token=***&x=1",
      "https://hooks.example.org/in?flag&api_key=abc|https://hooks.example.org/in?flag&api_key=***",
      "https://feeds.example.org/rss?cat=world&Signature=s1&X-Amz-Credential=c|https://feeds.example.org/rss?cat=world&Signature=***&X-Amz-Credential=***",
      "https://feeds.example.org/rss?access_token=abc;password=p|https://feeds.example.org/rss?access_token=***;password=***",
      "https://hooks.example.org/in#access_token=abc|https://hooks.example.org/in",
      "https://hooks.example.org/in/path@x|https://hooks.example.org/in/path@x",
      "https://hooks.example.org/plain|https://hooks.example.org/plain"})
  void credentialsNeverShow(String url, String shown) {
    assertThat(RedactedUrl.of(url)).isEqualTo(shown);
  }

  @org.junit.jupiter.api.Test
  void aVeryLongUrlIsCut() {
    String shown = RedactedUrl.of("https://hooks.example.org/" + "a".repeat(120_000));
    assertThat(shown).hasSize(RedactedUrl.MAX_SHOWN).startsWith("https://hooks.example.org/aaa").endsWith("…");
  }
}
