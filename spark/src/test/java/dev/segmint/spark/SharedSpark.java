package dev.segmint.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The one SparkSession of this module's test JVM: {@code local[2]}, bound to 127.0.0.1, no UI, four shuffle
 * partitions. A session takes seconds to start, so every test class shares it; it stops when the JVM exits.
 */
final class SharedSpark {
  private SharedSpark() {}

  private static final class Holder {
    static final SparkSession SESSION = SparkSession.builder()
        .appName("segmint-spark-tests")
        .master("local[2]")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.default.parallelism", "4")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate();
  }

  static SparkSession session() {
    return Holder.SESSION;
  }
}
