package io.newswatch.ingest.dedup;

import io.newswatch.schemas.BoundedMap;
import java.util.Collection;
import java.util.Collections;
import java.util.Set;

/**
 * The ids of the articles stored recently, the oldest forgotten first when full. A copy
 * of an article (another feed, a re-post, a restart) is caught here by its id.
 */
public final class SeenArticles {
  private final Set<String> ids;

  public SeenArticles(int capacity) {
    this.ids = Collections.newSetFromMap(BoundedMap.oldestFirst(capacity));
  }

  /** Records the id; true when it was not seen before. */
  public synchronized boolean firstSighting(String id) {
    return ids.add(id);
  }

  public synchronized void addAll(Collection<String> seen) {
    ids.addAll(seen);
  }

  /** Forgets ids whose articles could not be stored after all, so they are sent again. */
  public synchronized void forget(Collection<String> unsent) {
    unsent.forEach(ids::remove);
  }

  public synchronized int size() {
    return ids.size();
  }
}
