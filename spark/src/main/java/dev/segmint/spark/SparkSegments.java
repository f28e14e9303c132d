package dev.segmint.spark;

import dev.segmint.Assignment;
import dev.segmint.SegmentationModel;
import dev.segmint.features.FeatureSpec;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Scores a customer {@code Dataset<Row>} with any saved {@link SegmentationModel} whose pipeline reads a customer
 * table (columns, demographics, engagement: {@code Segmentation.builder().columns(..)} or a {@code FeatureSpec}
 * without RFM): the model's JSON ({@link SegmentationModel#toJson()}) is broadcast once, each executor reads it back
 * once per partition, turns the partition into a Tablesaw table and calls {@link SegmentationModel#assign(Table)}, so
 * every customer is placed exactly as the single JVM places it (same pipeline, same encoders, same rule).
 *
 * <p>Column types: text stays text, int/short/byte become Tablesaw int, long becomes long, other numbers double,
 * booleans text ("true"/"false"); nulls are missing values, handled by the model's missing-value policy. The
 * output has {@code customer_id} (text), {@code segment} (int, -1 for noise) and {@code segment_name}.
 *
 * <p>Cost: one pass, no shuffle; per partition the rows in memory as a table (O(rows of the partition · columns)) and
 * the model's assignment cost (O(rows · k · d) for centroids). A model fitted on transactions alone (RFM, e.g. by
 * {@code segmint segment --transactions} or {@link SegmentJob}) reads transactions: their RFM is computed first by
 * {@link SparkRfm} (its cost; the as-of date, when the model has none, is the whole data's, as core's). Limits: a
 * model reading transactions and a customer table is refused.
 */
public final class SparkSegments {
  private SparkSegments() {}

  /**
   * The segment of every row of {@code customers} (one row per customer, with the columns the model was fitted on),
   * or, for a model fitted on transactions alone (RFM), of every customer of the transactions {@code customers}: their
   * RFM by {@link SparkRfm} with the model's settings (as of the model's date, or of the whole data's as core's
   * {@code assign} takes it), then the model's features and rule, as {@link SegmentationModel#assign(Table)} on the
   * same transactions.
   *
   * @throws IllegalArgumentException when the model reads transactions and a customer table; errors of the model's
   *     pipeline (a missing column, an unknown category it refuses) come from the executors with the single JVM's
   *     message
   */
  public static Dataset<Row> assign(Dataset<Row> customers, SegmentationModel model) {
    Objects.requireNonNull(customers, "customers");
    Objects.requireNonNull(model, "model");
    FeatureSpec spec = model.pipeline().spec();
    if (spec.rfm() != null) {
      if (!spec.sources().equals(List.of("rfm"))) {
        throw new IllegalArgumentException("the model reads transactions (RFM) and a customer table " + spec.sources()
            + "; SparkSegments assigns models with one source: join the RFM table of SparkRfm with the customer "
            + "columns, fit on that table, and assign it");
      }
      // core's assign on transactions: the RFM of the whole data (as of the model's date, or the data's), then the
      // fitted features of each customer's RFM row
      Dataset<Row> rfm = SparkRfm.of(spec.rfm()).run(customers).table();
      List<String> columns = spec.features().stream().map(f -> f.column()).toList();
      SegmentationModel onTable = model.withPipeline(SparkFeatures.onTable(model.pipeline(), "customer_id",
          columns));
      return assignTable(rfm, onTable);
    }
    return assignTable(customers, model);
  }

  private static Dataset<Row> assignTable(Dataset<Row> customers, SegmentationModel model) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(customers.sparkSession().sparkContext());
    Broadcast<String> json = jsc.broadcast(model.toJson());
    StructType schema = customers.schema();
    JavaRDD<Row> out = customers.javaRDD().mapPartitions((Iterator<Row> it) -> {
      List<Row> rows = new ArrayList<>();
      it.forEachRemaining(rows::add);
      if (rows.isEmpty()) {
        return new ArrayList<Row>().iterator();
      }
      SegmentationModel m = SegmentationModel.fromJson(json.value());
      Assignment a = m.assign(toTable(rows, schema));
      String[] ids = a.ids();
      int[] segments = a.segments();
      List<Row> result = new ArrayList<>(ids.length);
      for (int i = 0; i < ids.length; i++) {
        result.add(RowFactory.create(ids[i], segments[i], segments[i] < 0 ? "noise" : a.segmentName(segments[i])));
      }
      return result.iterator();
    });
    StructType outSchema = new StructType()
        .add("customer_id", DataTypes.StringType, false)
        .add("segment", DataTypes.IntegerType, false)
        .add("segment_name", DataTypes.StringType, true);
    return customers.sparkSession().createDataFrame(out, outSchema);
  }

  /** The rows of one partition as a Tablesaw table (see the class comment for the types). */
  static Table toTable(List<Row> rows, StructType schema) {
    StructField[] fields = schema.fields();
    Table t = Table.create("customers");
    for (int j = 0; j < fields.length; j++) {
      DataType type = fields[j].dataType();
      String name = fields[j].name();
      Column<?> c;
      if (type instanceof IntegerType || type instanceof ShortType || type instanceof ByteType) {
        IntColumn ic = IntColumn.create(name);
        for (Row r : rows) {
          if (r.isNullAt(j)) {
            ic.appendMissing();
          } else {
            ic.append(((Number) r.get(j)).intValue());
          }
        }
        c = ic;
      } else if (type instanceof LongType) {
        LongColumn lc = LongColumn.create(name);
        for (Row r : rows) {
          if (r.isNullAt(j)) {
            lc.appendMissing();
          } else {
            lc.append(r.getLong(j));
          }
        }
        c = lc;
      } else if (type instanceof NumericType) {
        DoubleColumn dc = DoubleColumn.create(name);
        for (Row r : rows) {
          if (r.isNullAt(j)) {
            dc.appendMissing();
          } else {
            dc.append(((Number) r.get(j)).doubleValue());
          }
        }
        c = dc;
      } else {
        StringColumn sc = StringColumn.create(name);
        for (Row r : rows) {
          sc.append(r.isNullAt(j) ? "" : type instanceof BooleanType ? Boolean.toString(r.getBoolean(j))
              : r.get(j).toString());
        }
        c = sc;
      }
      t.addColumns(c);
    }
    return t;
  }
}
