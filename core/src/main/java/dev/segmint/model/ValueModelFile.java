package dev.segmint.model;

import dev.segmint.features.SettingException;
import dev.segmint.internal.AtomicFiles;
import dev.segmint.value.BgNbd;
import dev.segmint.value.GammaGamma;
import dev.segmint.value.Period;
import dev.segmint.value.ValueModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The JSON file of a {@link ValueModel} (also what {@code segmint clv --out-params} writes):
 * <pre>{@code
 * {"format": "segmint-value-model", "formatVersion": 1, "libraryVersion": "…", "period": "day",
 *  "bgnbd": {"r": …, "alpha": …, "a": …, "b": …, "loglik": …, "customers": n,
 *            "se": {"r": …, "alpha": …, "a": …, "b": …}},
 *  "gammagamma": {"p": …, "q": …, "gamma": …, "loglik": …, "customers": n, "se": {"p": …, "q": …, "gamma": …}}}
 * }</pre>
 * Numbers at full double precision (shortest text that reads back exactly); a log-likelihood or standard error that
 * is not known is {@code null}. The reader refuses missing or mistyped fields, members the format does not have,
 * parameters that are not finite and positive, and negative standard errors, naming the field.
 */
public final class ValueModelFile {
  /** The {@code format} member of a value model. */
  public static final String FORMAT = "segmint-value-model";
  /** The version written and read. */
  public static final int FORMAT_VERSION = 1;
  private static final long MAX_BYTES = 1 << 20;
  private static final String[] BG = {"r", "alpha", "a", "b"};
  private static final String[] GG = {"p", "q", "gamma"};

  private ValueModelFile() {}

  /** The JSON text of a model. */
  public static String toJson(ValueModel model) {
    Json j = new Json().pretty().beginObject().field("format", FORMAT).field("formatVersion", FORMAT_VERSION)
        .field("libraryVersion", ModelFile.libraryVersion()).field("period", model.period().label());
    BgNbd bg = model.purchases();
    part(j.name("bgnbd"), BG, bg.parameters(), bg.standardErrors(), bg.logLikelihood(), bg.customers());
    GammaGamma gg = model.orderValue();
    part(j.name("gammagamma"), GG, gg.parameters(), gg.standardErrors(), gg.logLikelihood(), gg.customers());
    return j.endObject().toString();
  }

  private static void part(Json j, String[] names, double[] values, double[] se, double loglik, int customers) {
    j.beginObject();
    for (int i = 0; i < names.length; i++) {
      j.field(names[i], values[i]);
    }
    j.field("loglik", loglik).field("customers", customers).name("se").beginObject();
    for (int i = 0; i < names.length; i++) {
      j.field(names[i], se[i]);
    }
    j.endObject().endObject();
  }

  /**
   * A model from JSON text.
   *
   * @throws IllegalArgumentException for malformed JSON or a bad field, naming it
   */
  public static ValueModel fromJson(String text) {
    Node root = new Node(JsonReader.parse(text, ModelFile.MAX_DEPTH), "");
    if (!root.has("format") || !FORMAT.equals(root.get("format").stringOrNull())) {
      throw new IllegalArgumentException("not a Segmint value model: the top-level object needs \"format\": \""
          + FORMAT + "\"");
    }
    only(root, Set.of("format", "formatVersion", "libraryVersion", "period", "bgnbd", "gammagamma"));
    long version = root.get("formatVersion").integer();
    if (version != FORMAT_VERSION) {
      throw new IllegalArgumentException("value model format version " + version + " is not supported; this library "
          + "reads version " + FORMAT_VERSION + "; refit the model");
    }
    root.get("libraryVersion").string();
    Period period = Period.parse(root.get("period").string());
    Node bg = root.get("bgnbd");
    Node gg = root.get("gammagamma");
    try {
      BgNbd purchases = BgNbd.restore(numbers(bg, BG, false), numbers(bg.get("se"), BG, true), nullable(bg, "loglik"),
          count(bg), period);
      GammaGamma value = GammaGamma.restore(numbers(gg, GG, false), numbers(gg.get("se"), GG, true),
          nullable(gg, "loglik"), count(gg));
      return new ValueModel(purchases, value);
    } catch (IllegalArgumentException e) {
      throw SettingException.prefixed("value model: ", e);
    }
  }

  private static void only(Node n, Set<String> allowed) {
    for (String k : n.keys()) {
      if (!allowed.contains(k)) {
        throw new IllegalArgumentException("value model field '" + (n.path().isEmpty() ? "" : n.path() + ".") + k
            + "' is not part of the format; remove it");
      }
    }
  }

  private static double[] numbers(Node n, String[] names, boolean standardErrors) {
    only(n, standardErrors ? Set.of(names) : union(names, "loglik", "customers", "se"));
    double[] v = new double[names.length];
    for (int i = 0; i < names.length; i++) {
      Node f = n.get(names[i]);
      if (standardErrors) {
        v[i] = f.isNull() ? Double.NaN : f.number();
        if (v[i] < 0 || Double.isInfinite(v[i])) {
          throw new IllegalArgumentException("value model field '" + f.path() + "' is " + v[i]
              + "; a standard error is a finite number of at least 0, or null");
        }
      } else {
        v[i] = f.number();
        if (!(v[i] > 0) || Double.isInfinite(v[i])) {
          throw new IllegalArgumentException("value model field '" + f.path() + "' is " + v[i]
              + "; a fitted parameter is a finite number above 0");
        }
      }
    }
    return v;
  }

  private static Set<String> union(String[] names, String... more) {
    java.util.Set<String> s = new java.util.HashSet<>(List.of(names));
    s.addAll(List.of(more));
    return s;
  }

  private static double nullable(Node n, String name) {
    Node f = n.get(name);
    double v = f.isNull() ? Double.NaN : f.number();
    if (Double.isInfinite(v)) {
      throw new IllegalArgumentException("value model field '" + f.path() + "' is " + v + "; give a finite number");
    }
    return v;
  }

  private static int count(Node n) {
    int c = n.get("customers").intValue();
    if (c < 0) {
      throw new IllegalArgumentException("value model field '" + n.path() + ".customers' is " + c
          + "; give 0 or more");
    }
    return c;
  }

  /** Writes the model atomically. */
  public static void write(Path file, ValueModel model) throws IOException {
    AtomicFiles.writeString(file, toJson(model) + "\n");
  }

  /**
   * Reads a model file (at most 1 MiB, UTF-8).
   *
   * @throws IllegalArgumentException for a file too large or a bad field, naming the file and the field
   */
  public static ValueModel read(Path file) throws IOException {
    long size = Files.size(file);
    if (size > MAX_BYTES) {
      throw new IllegalArgumentException("value model file " + file + " is " + size + " bytes; a value model is a "
          + "few hundred bytes: is it really one?");
    }
    try {
      return fromJson(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw SettingException.prefixed("value model file " + file + ": ", e);
    }
  }
}
