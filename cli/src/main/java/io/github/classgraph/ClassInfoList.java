package io.github.classgraph;

import java.util.List;

/** A list of class names (see {@link ClassGraph}). */
public final class ClassInfoList {
  private final List<String> names;

  ClassInfoList(List<String> names) {
    this.names = names;
  }

  /** The class names. */
  public List<String> getNames() {
    return names;
  }
}
