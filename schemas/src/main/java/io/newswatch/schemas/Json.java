package io.newswatch.schemas;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one Jackson mapper of newswatch's modules, with Jackson's default settings: JSON read or
 * written anywhere (articles, HTTP answers, alerts as JSON) follows the same rules.
 * A reader that must be stricter derives an {@link com.fasterxml.jackson.databind.ObjectReader}
 * from it and says why where it does; a mapper is thread-safe and costly to make, so there is
 * one.
 */
public final class Json {
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}
}
