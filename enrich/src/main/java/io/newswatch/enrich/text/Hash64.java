package io.newswatch.enrich.text;

/**
 * 64-bit FNV-1a over characters, then the murmur3 finaliser so that every output bit depends
 * on every character: cheap hashes of words and word pairs that do not collide in practice.
 */
public final class Hash64 {
  /** The FNV-1a offset basis: the state before any character. */
  public static final long START = 0xcbf29ce484222325L;
  private static final long PRIME = 0x100000001b3L;

  private Hash64() {}

  public static long add(long h, char c) {
    return (h ^ c) * PRIME;
  }

  public static long add(long h, String s) {
    for (int i = 0; i < s.length(); i++) {
      h = add(h, s.charAt(i));
    }
    return h;
  }

  public static long finish(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    return h ^ h >>> 33;
  }

  public static long of(String s) {
    return finish(add(START, s));
  }
}
