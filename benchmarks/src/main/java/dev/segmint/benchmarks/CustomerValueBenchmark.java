package dev.segmint.benchmarks;

import dev.segmint.value.BgNbd;
import dev.segmint.value.CalibrationSummary;
import dev.segmint.value.CustomerValue;
import dev.segmint.value.GammaGamma;
import dev.segmint.value.Period;
import dev.segmint.value.Simulation;
import dev.segmint.value.ValueModel;
import dev.segmint.value.ValuePredictions;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tech.tablesaw.api.Table;

/**
 * Issue 21's speed target: the customer-value pipeline (calibration summary, BG/NBD fit, Gamma-Gamma fit,
 * predictions with a 360-day CLV) on the bundled Online Retail export (541,909 rows, 4,338 customers, calibration
 * through 2011-09-08) and on 1,000,000 simulated customers (daily periods, whole days, ages 0..365, the CDNOW
 * parameters of Fader, Hardie and Lee 2005 with α in days; {@link Simulation}, seed 1), also as a transactions
 * table of 1,830,129 purchase days ({@link SimulatedTransactions}, seed 7) whose summary is the simulated one. Target:
 * summary, both fits and the predictions of the 1,000,000 customers ({@link #simulatedWhole}) under 5 s. All
 * available processors.
 *
 * <pre>{@code java -jar benchmarks/target/benchmarks.jar CustomerValueBenchmark -rf json -rff value.json}</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class CustomerValueBenchmark {
  static final LocalDate CALIBRATION_END = LocalDate.of(2011, 9, 8);
  static final int SIMULATED = 1_000_000;
  /** The calibration end of the simulated transactions. */
  static final LocalDate SIMULATED_END = LocalDate.of(2024, 12, 31);

  Table transactions;
  CustomerValue reading;
  CalibrationSummary retail;
  CalibrationSummary simulated;
  Table simulatedTransactions;
  CustomerValue simulatedReading;

  @Setup(Level.Trial)
  public void setup() {
    transactions = RfmBenchmark.load(RfmBenchmark.dataFile());
    reading = CustomerValue.builder().customer("CustomerID").timestamp("InvoiceDate").quantity("Quantity")
        .price("UnitPrice").calibrationEnd(CALIBRATION_END).build();
    retail = reading.summarize(transactions);
    simulated = Simulation.simulate(SIMULATED, BgNbd.of(0.243, 4.414 * 7, 0.793, 2.426, Period.DAY),
        GammaGamma.of(6.25, 3.74, 15.44), 365, true, 1);
    simulatedTransactions = SimulatedTransactions.of(simulated, SIMULATED_END, 7);
    simulatedReading = CustomerValue.builder().customer("customer").timestamp("date").amount("amount")
        .calibrationEnd(SIMULATED_END).build();
  }

  /** Online Retail: the summary from the loaded table (RFM's reading pass, then one pass over the purchases). */
  @Benchmark
  public CalibrationSummary retailSummary() {
    return reading.summarize(transactions);
  }

  /** Online Retail: summary, both fits and the predictions. */
  @Benchmark
  public ValuePredictions retailWhole() {
    CalibrationSummary s = reading.summarize(transactions);
    return ValueModel.fit(s).predict(s, ValueModel.DEFAULT_HORIZON_DAYS, ValueModel.DEFAULT_DISCOUNT);
  }

  /** 1,000,000 simulated customers: the BG/NBD fit alone. */
  @Benchmark
  @Warmup(iterations = 2, time = 10)
  @Measurement(iterations = 3, time = 10)
  public BgNbd simulatedBgNbd() {
    return BgNbd.fit(simulated);
  }

  /** 1,000,000 simulated customers: the Gamma-Gamma fit alone (on those with repeat purchases). */
  @Benchmark
  @Warmup(iterations = 2, time = 10)
  @Measurement(iterations = 3, time = 10)
  public GammaGamma simulatedGammaGamma() {
    return GammaGamma.fit(simulated);
  }

  /** 1,000,000 simulated customers: both fits and the predictions, from the summary. */
  @Benchmark
  @Warmup(iterations = 2, time = 10)
  @Measurement(iterations = 3, time = 10)
  public ValuePredictions simulatedFitAndPredict() {
    return ValueModel.fit(simulated).predict(simulated, ValueModel.DEFAULT_HORIZON_DAYS, ValueModel.DEFAULT_DISCOUNT);
  }

  /** 1,000,000 simulated customers: the summary from their 1,830,129 transactions. */
  @Benchmark
  @Warmup(iterations = 2, time = 10)
  @Measurement(iterations = 3, time = 10)
  public CalibrationSummary simulatedSummary() {
    return simulatedReading.summarize(simulatedTransactions);
  }

  /** 1,000,000 simulated customers: summary from the transactions, both fits and the predictions (the target). */
  @Benchmark
  @Warmup(iterations = 2, time = 10)
  @Measurement(iterations = 3, time = 10)
  public ValuePredictions simulatedWhole() {
    CalibrationSummary s = simulatedReading.summarize(simulatedTransactions);
    return ValueModel.fit(s).predict(s, ValueModel.DEFAULT_HORIZON_DAYS, ValueModel.DEFAULT_DISCOUNT);
  }
}
