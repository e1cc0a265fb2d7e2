package io.newswatch.ingest.dedup;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ids of the articles stored recently, the oldest forgotten first when full. A copy
 * of an article (another feed, a re-post, a restart) is caught here by its id.
 */
public final class SeenArticles {
  private final Map<String, Boolean> ids;

  public SeenArticles(int capacity) {
    this.ids = new LinkedHashMap<>(16, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
        return size() > capacity;
      }
    };
  }

  /** Records the id; true when it was not seen before. */
  public synchronized boolean firstSighting(String id) {
    return ids.put(id, Boolean.TRUE) == null;
  }

  public synchronized void addAll(Collection<String> seen) {
    seen.forEach(id -> ids.put(id, Boolean.TRUE));
  }

  /** Forgets ids whose articles could not be stored after all, so they are sent again. */
  public synchronized void forget(Collection<String> unsent) {
    unsent.forEach(ids::remove);
  }

  public synchronized int size() {
    return ids.size();
  }
}
