package dev.segmint.cluster;

import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Lock-free union–find over {@code 0..n-1}: a root always links under the smaller root (compare-and-set), finds halve
 * paths. The resulting partition (the connected components of all unions made) does not depend on the order or
 * the threads of the calls; the root of a set is its smallest element once all unions are done.
 * Memory: one int per element.
 */
final class ConcurrentUnionFind {
  private final AtomicIntegerArray parent;

  ConcurrentUnionFind(int n) {
    parent = new AtomicIntegerArray(n);
    for (int i = 0; i < n; i++) {
      parent.set(i, i);
    }
  }

  int find(int a) {
    int p = parent.get(a);
    while (p != a) {
      int g = parent.get(p);
      if (g != p) {
        parent.compareAndSet(a, p, g);
      }
      a = p;
      p = g;
    }
    return a;
  }

  /** Joins the sets of a and b; returns false when they already were one set. */
  boolean union(int a, int b) {
    while (true) {
      int ra = find(a);
      int rb = find(b);
      if (ra == rb) {
        return false;
      }
      if (ra < rb) {
        int t = ra;
        ra = rb;
        rb = t;
      }
      // ra > rb: link the larger root under the smaller one, if ra is still a root
      if (parent.compareAndSet(ra, ra, rb)) {
        return true;
      }
    }
  }

  boolean same(int a, int b) {
    return find(a) == find(b);
  }
}
