package io.newswatch.schemas;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map of at most {@code capacity} entries that drops its eldest when a put would make it
 * more: the least recently used ({@link #leastRecentlyUsed}) or the first put
 * ({@link #oldestFirst}). For the caches and memories the stages keep beside their stores, so
 * that each is bounded the same way. Not thread-safe.
 */
public final class BoundedMap<K, V> extends LinkedHashMap<K, V> {
  private final int capacity;

  private BoundedMap(int capacity, boolean accessOrder) {
    super(16, 0.75f, accessOrder);
    if (capacity < 1) {
      throw new IllegalArgumentException("a bounded map holds at least one entry: " + capacity);
    }
    this.capacity = capacity;
  }

  /** A cache: reading or writing an entry makes it the last to go. */
  public static <K, V> BoundedMap<K, V> leastRecentlyUsed(int capacity) {
    return new BoundedMap<>(capacity, true);
  }

  /** A memory of what came last: entries go in the order they were first put, however often read. */
  public static <K, V> BoundedMap<K, V> oldestFirst(int capacity) {
    return new BoundedMap<>(capacity, false);
  }

  @Override
  protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
    return size() > capacity;
  }
}
