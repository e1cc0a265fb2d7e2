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
      "https://hooks.example.org/in?token=abc&x=1|https://hooks.example.org/in?token=***&x=***",
      "https://hooks.example.org/in?flag&key=abc|https://hooks.example.org/in?flag&key=***",
      "https://hooks.example.org/in#access_token=abc|https://hooks.example.org/in",
      "https://hooks.example.org/in/path@x|https://hooks.example.org/in/path@x",
      "https://hooks.example.org/plain|https://hooks.example.org/plain"})
  void credentialsNeverShow(String url, String shown) {
    assertThat(RedactedUrl.of(url)).isEqualTo(shown);
  }
}
