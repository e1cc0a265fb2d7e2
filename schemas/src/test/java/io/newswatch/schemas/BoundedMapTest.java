package io.newswatch.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BoundedMapTest {
  @Test
  void aCacheDropsWhatWasUsedLeastRecently() {
    Map<String, Integer> cache = BoundedMap.leastRecentlyUsed(2);
    cache.put("a", 1);
    cache.put("b", 2);
    cache.get("a");

    cache.put("c", 3);

    assertThat(cache).containsOnlyKeys("a", "c");
  }

  @Test
  void aMemoryDropsWhatCameFirstHoweverOftenItIsRead() {
    Map<String, Integer> memory = BoundedMap.oldestFirst(2);
    memory.put("a", 1);
    memory.put("b", 2);
    memory.get("a");
    memory.put("a", 10);

    memory.put("c", 3);

    assertThat(memory).containsOnlyKeys("b", "c");
  }

  @Test
  void holdsAtLeastOneEntry() {
    assertThatThrownBy(() -> BoundedMap.leastRecentlyUsed(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
