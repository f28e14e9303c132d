package dev.segmint.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Forged model files for the bad-input catalogue (issue 15, item 10): a real model saved by {@code segmint segment},
 * edited, with its checksum recomputed as the file format computes it (the SHA-256 of the text without the
 * {@code checksum} member), which anyone can do.
 */
final class ForgedModels {
  private ForgedModels() {}

  /** 24 customers in three tight groups of 8: HDBSCAN finds a tree with clusters under clusters. */
  static String customers() {
    StringBuilder sb = new StringBuilder("id,x,y\n");
    Random r = new Random(3);
    for (int i = 0; i < 24; i++) {
      sb.append(String.format(Locale.ROOT, "c%d,%.4f,%.4f%n", i, (i % 3) * 10 + r.nextDouble(),
          (i % 3 == 1 ? 10 : 0) + r.nextDouble()));
    }
    return sb.toString();
  }

  /**
   * Saves a model of {@link #customers()} in {@code dir} with {@code segmint segment} and the given algorithm flags,
   * forges it with {@code edit}, and returns the arguments of {@code segmint assign} with that model.
   */
  static String[] assignWith(Path dir, UnaryOperator<String> edit, String... algorithm) throws IOException {
    Path in = Files.writeString(dir.resolve("customers.csv"), customers());
    Path model = dir.resolve("model.json");
    List<String> args = new ArrayList<>(List.of("segment", "--customers", in.toString(), "--id", "id", "--features",
        "x,y", "--model", model.toString(), "--out", dir.resolve("segments.csv").toString()));
    args.addAll(List.of(algorithm));
    StringWriter err = new StringWriter();
    int code = SegmintCommand.run(args.toArray(String[]::new), new PrintWriter(new StringWriter()),
        new PrintWriter(err));
    if (code != 0) {
      throw new IllegalStateException("segment failed: " + err);
    }
    Files.writeString(model, forge(Files.readString(model), edit));
    return new String[] {"assign", "--model", model.toString(), "--input", in.toString(), "--out",
        dir.resolve("assigned.csv").toString()};
  }

  static String forge(String saved, UnaryOperator<String> edit) {
    String body = saved.replaceFirst(",\n  \"checksum\": \"[0-9a-f]{64}\"", "");
    String edited = edit.apply(body);
    return edited.substring(0, edited.length() - 3) + ",\n  \"checksum\": \"" + sha256(edited) + "\"\n}\n";
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** Replaces group 1 of the first match of {@code regex} with {@code value}. */
  static UnaryOperator<String> set(String regex, String value) {
    return text -> {
      Matcher m = Pattern.compile(regex).matcher(text);
      if (!m.find()) {
        throw new IllegalStateException("no match for " + regex);
      }
      return text.substring(0, m.start(1)) + value + text.substring(m.end(1));
    };
  }

  /**
   * Makes a cluster of the HDBSCAN tree the child of its own child (a → b → a), as an attacker would to crash the
   * loader; before issue 15 this ended in "internal error: Index -25 out of bounds for length 7" (exit 1).
   */
  static String parentCycle(String text) {
    int n = Integer.parseInt(find(text, "\"rows\": ([0-9]+)"));
    int treeAt = text.indexOf("\"tree\": {");
    List<int[]> parent = elements(text, "parent", treeAt);
    List<int[]> child = elements(text, "child", treeAt);
    for (int r = 0; r < parent.size(); r++) {
      int a = parent.get(r)[0];
      int b = child.get(r)[0];
      if (a > n && b >= n) {
        for (int q = 0; q < child.size(); q++) {
          if (child.get(q)[0] == a) {
            int[] at = parent.get(q);   // {value, start, end} of a's parent in the text
            return text.substring(0, at[1]) + b + text.substring(at[2]);
          }
        }
      }
    }
    throw new IllegalStateException("the tree has no cluster under a cluster");
  }

  private static String find(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    if (!m.find()) {
      throw new IllegalStateException("no match for " + regex);
    }
    return m.group(1);
  }

  /** The integers of array {@code name} after {@code from}: {value, start offset, end offset}. */
  private static List<int[]> elements(String text, String name, int from) {
    int open = text.indexOf("\"" + name + "\": [", from);
    int close = text.indexOf(']', open);
    Matcher m = Pattern.compile("-?[0-9]+").matcher(text).region(text.indexOf('[', open) + 1, close);
    List<int[]> out = new ArrayList<>();
    while (m.find()) {
      out.add(new int[] {Integer.parseInt(m.group()), m.start(), m.end()});
    }
    return out;
  }
}
