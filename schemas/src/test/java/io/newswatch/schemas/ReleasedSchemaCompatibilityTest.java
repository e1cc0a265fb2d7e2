package io.newswatch.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.avro.Alert;
import io.newswatch.avro.EnrichedArticle;
import io.newswatch.avro.FeedState;
import io.newswatch.avro.RawArticle;
import io.newswatch.avro.Subscription;
import io.newswatch.avro.Watch;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A schema change that would stop new readers from reading released records fails here. */
class ReleasedSchemaCompatibilityTest {

  static Stream<Class<?>> records() {
    return Stream.of(RawArticle.class, EnrichedArticle.class, Alert.class, Watch.class, Subscription.class,
        FeedState.class);
  }

  /**
   * What is written today must be a released version: a reader of this release resolves
   * records by their schema's fingerprint, and an unreleased change would leave records on the
   * topics (for ever, on a compacted one) that the next release cannot be checked against.
   */
  @ParameterizedTest
  @MethodSource("records")
  void theSchemaWrittenTodayIsTheLatestReleasedVersion(Class<?> type) {
    Schema current = SpecificData.get().getSchema(type);
    var released = ReleasedSchemas.of(type);

    assertThat(released).as("released versions of %s", type.getSimpleName()).isNotEmpty();
    assertThat(released.get(released.size() - 1))
        .as("%s changed since its last released version: release it as %s-v%d.avsc (the current schema, %s)",
            type.getSimpleName(), type.getSimpleName(), released.size() + 1, current.toString())
        .isEqualTo(current);
  }

  @ParameterizedTest
  @MethodSource("records")
  void currentSchemaReadsEveryReleasedVersion(Class<?> type) {
    Schema current = SpecificData.get().getSchema(type);
    var released = ReleasedSchemas.of(type);

    assertThat(released).as("released versions of %s", type.getSimpleName()).isNotEmpty();
    for (Schema writer : released) {
      var result = SchemaCompatibility.checkReaderWriterCompatibility(current, writer);
      assertThat(result.getType())
          .as("%s cannot read a released version: %s", type.getSimpleName(), result.getDescription())
          .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }
  }

  @Test
  void aRequiredFieldWithoutDefaultIsCaughtAsIncompatible() {
    Schema released = ReleasedSchemas.of(Watch.class).get(0);
    Schema changed =
        SchemaBuilder.record("Watch").namespace("io.newswatch.avro").fields()
            .requiredLong("placeId").requiredString("name").requiredString("owner").endRecord();

    var result = SchemaCompatibility.checkReaderWriterCompatibility(changed, released);

    assertThat(result.getType()).isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
  }
}
