package dev.segmint.benchmarks.kmeans;

import static tech.tablesaw.api.ColumnType.STRING;

import dev.segmint.features.FeatureMatrix;
import dev.segmint.features.RfmFeatures;
import dev.segmint.features.Scaler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * One k-means workload: the points (row-major doubles), their shape and the k to fit.
 *
 * <p>Named workloads, as the benchmarks' {@code workload} parameter spells them:
 * <ul>
 *   <li>{@code blobs-NxDxK}: {@link GaussianBlobs} with overlapping blobs and the benchmark seed, e.g.
 *       {@code blobs-100000x8x8}; {@code blobs-NxDxK-separated} for well separated blobs (sanity tests);</li>
 *   <li>{@code rfm-online-retail}: the customers of the bundled UCI Online Retail data as standardised
 *       log1p(recency, frequency, monetary), k = 5. The data folder is the system property
 *       {@code segmint.data.dir} (default {@code data}, i.e. run from the repository root).</li>
 * </ul>
 * The same points are written to a file by {@link #write(Path)} for scikit-learn: little-endian float64,
 * row-major, with a JSON sidecar giving the shape and the SHA-256 of the bytes ({@link #sha256()}).
 */
public final class Workload {

  private static final Pattern BLOBS = Pattern.compile("blobs-(\\d+)x(\\d+)x(\\d+)(-separated)?");

  /** The workload name of the Online Retail RFM features. */
  public static final String RFM_ONLINE_RETAIL = "rfm-online-retail";

  private final String name;
  private final int n;
  private final int d;
  private final int k;
  private final double[] data;
  private double[][] rows;

  Workload(String name, int n, int d, int k, double[] data) {
    if (data.length != (long) n * d) {
      throw new IllegalArgumentException(name + ": " + data.length + " values is not n·d = " + n + "·" + d);
    }
    this.name = name;
    this.n = n;
    this.d = d;
    this.k = k;
    this.data = data;
  }

  /** The workload of that name (see the class comment). */
  public static Workload named(String name) {
    Matcher m = BLOBS.matcher(name);
    if (m.matches()) {
      int n = Integer.parseInt(m.group(1));
      int d = Integer.parseInt(m.group(2));
      int k = Integer.parseInt(m.group(3));
      double halfWidth = m.group(4) != null ? GaussianBlobs.SEPARATED_HALF_WIDTH : GaussianBlobs.OVERLAPPING_HALF_WIDTH;
      return new Workload(name, n, d, k, GaussianBlobs.generate(n, d, k, GaussianBlobs.SEED, halfWidth, 1.0, null));
    }
    if (name.equals(RFM_ONLINE_RETAIL)) {
      return onlineRetailRfm(Path.of(System.getProperty("segmint.data.dir", "data")));
    }
    throw new IllegalArgumentException("unknown workload '" + name + "'; use blobs-NxDxK, blobs-NxDxK-separated or "
        + RFM_ONLINE_RETAIL);
  }

  /** Standardised log1p RFM features of the Online Retail customers found in {@code dataDir}, k = 5. */
  public static Workload onlineRetailRfm(Path dataDir) {
    Path file = dataDir.resolve("online_retail.csv.gz");
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("cannot find " + file.toAbsolutePath() + "; run from the repository root or "
          + "pass -Dsegmint.data.dir=/path/to/segmint/data (JMH: -jvmArgsAppend -Dsegmint.data.dir=...)");
    }
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
      Table tx = Table.read().usingOptions(CsvReadOptions.builder(in)
          .columnTypesPartial(Map.of("CustomerID", STRING, "InvoiceNo", STRING, "StockCode", STRING)));
      Table rfm = RfmFeatures.builder().customer("CustomerID").timestamp("InvoiceDate").order("InvoiceNo")
          .quantity("Quantity").price("UnitPrice").build().compute(tx);
      FeatureMatrix m = FeatureMatrix.fromTable(rfm, "customer_id", "recency_days", "frequency", "monetary")
          .withLog1p("recency_days", "frequency", "monetary");
      FeatureMatrix scaled = Scaler.fit(m, Scaler.Kind.STANDARD).transform(m);
      return new Workload(RFM_ONLINE_RETAIL, scaled.rows(), scaled.columns(), 5, scaled.toFlatArray());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  public String name() {
    return name;
  }

  public int n() {
    return n;
  }

  public int d() {
    return d;
  }

  public int k() {
    return k;
  }

  /** The points, row-major. Not a copy: callers must not modify it. */
  double[] flat() {
    return data;
  }

  /** The points as rows (computed once). Not a copy: callers must not modify it. */
  double[][] rows() {
    if (rows == null) {
      double[][] r = new double[n][];
      for (int i = 0; i < n; i++) {
        r[i] = new double[d];
        System.arraycopy(data, i * d, r[i], 0, d);
      }
      rows = r;
    }
    return rows;
  }

  /** SHA-256 (hex) of the points as little-endian float64, row-major: the bytes {@link #write} puts in the file. */
  public String sha256() {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      ByteBuffer buf = ByteBuffer.allocate(8 * 8192).order(ByteOrder.LITTLE_ENDIAN);
      for (int q = 0; q < data.length; q++) {
        buf.putDouble(data[q]);
        if (!buf.hasRemaining()) {
          md.update(buf.flip());
          buf.clear();
        }
      }
      md.update(buf.flip());
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /**
   * Writes {@code <name>.f64} (little-endian float64, row-major) and {@code <name>.json} (shape, k, SHA-256)
   * into {@code dir}.
   *
   * @return the path of the {@code .f64} file
   */
  public Path write(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path bin = dir.resolve(name + ".f64");
    try (OutputStream out = Files.newOutputStream(bin)) {
      ByteBuffer buf = ByteBuffer.allocate(8 * 8192).order(ByteOrder.LITTLE_ENDIAN);
      for (int q = 0; q < data.length; q++) {
        buf.putDouble(data[q]);
        if (!buf.hasRemaining()) {
          out.write(buf.array(), 0, buf.position());
          buf.clear();
        }
      }
      out.write(buf.array(), 0, buf.position());
    }
    String json = String.format(Locale.ROOT,
        "{\"name\": \"%s\", \"n\": %d, \"d\": %d, \"k\": %d, \"dtype\": \"<f8\", \"order\": \"C\", "
            + "\"file\": \"%s\", \"sha256\": \"%s\"}%n", name, n, d, k, bin.getFileName(), sha256());
    Files.writeString(dir.resolve(name + ".json"), json, StandardCharsets.UTF_8);
    return bin;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s (n=%,d, d=%d, k=%d)", name, n, d, k);
  }
}
