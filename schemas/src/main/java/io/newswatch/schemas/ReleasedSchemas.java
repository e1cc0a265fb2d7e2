package io.newswatch.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * The schemas of released versions, kept as resources
 * {@code io/newswatch/schemas/released/<Record>-v<N>.avsc}. They let readers decode
 * records written by older releases, and a test checks that the current schemas can.
 * Releasing a changed schema = adding the next version's file.
 */
public final class ReleasedSchemas {
  private ReleasedSchemas() {}

  public static List<Schema> of(Class<?> recordClass) {
    List<Schema> schemas = new ArrayList<>();
    for (int version = 1; ; version++) {
      String resource = "released/" + recordClass.getSimpleName() + "-v" + version + ".avsc";
      try (InputStream in = ReleasedSchemas.class.getResourceAsStream(resource)) {
        if (in == null) {
          return schemas;
        }
        schemas.add(new Schema.Parser().parse(in));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read released schema " + resource, e);
      }
    }
  }
}
