package io.provstat.jobs;

import io.provstat.synthetic.Observation;
import io.provstat.synthetic.Scale;
import io.provstat.synthetic.SyntheticCsv;
import io.provstat.synthetic.SyntheticPanel;
import io.provstat.warehouse.Tables;
import io.provstat.warehouse.Warehouse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Generate: writes a synthetic panel (see {@link SyntheticPanel}) as tidy CSV files that ingest
 * reads, or straight into a warehouse that analyze reads. The warehouse form is generated on the
 * executors, one task per group of province-years, so 10^8 rows never pass through the driver; its
 * observations are the rows ingesting the CSV form gives (only source and its prefix differ).
 */
@Command(name = GenerateJob.NAME, mixinStandardHelpOptions = true, sortOptions = false,
    description = "Generate a synthetic panel (invented figures for all 63 provinces) as tidy CSV or a warehouse.")
public final class GenerateJob implements Callable<Integer> {

  public static final String NAME = "generate";

  public static final String OPTION_OUT = "--out";
  public static final String OPTION_SCALE = "--scale";
  public static final String OPTION_SEED = "--seed";
  public static final String OPTION_FORMAT = "--format";
  public static final String OPTION_YEARS = "--years";

  public static final long DEFAULT_SEED = 42;
  public static final String FORMAT_CSV = "csv";
  public static final String FORMAT_WAREHOUSE = "warehouse";
  /** The format ingest_runs cites for generated partitions. */
  public static final String INGEST_FORMAT = "synthetic";

  /** Rows one task generates at most (about 20 MB of rows in flight), before parallelism is considered. */
  static final long ROWS_PER_TASK = 200_000;

  private static final Pattern YEARS = Pattern.compile("(\\d{4})-(\\d{4})");
  private static final Pattern CSV_FILE = Pattern.compile("synthetic-\\d{4}\\.csv");

  @Option(names = OPTION_OUT, required = true, paramLabel = "DIR",
      description = "Directory of the CSV files (stale synthetic-YYYY.csv files there are replaced) or of the warehouse.")
  String out;

  @Option(names = OPTION_SCALE, required = true, paramLabel = "N",
      description = "Size: 0 the committed annual panel, 3 and 4 test sizes, 5..8 about 10^N rows (see README).")
  int scale;

  @Option(names = OPTION_SEED, paramLabel = "S", description = "Random seed; the same seed and scale give the same bytes "
      + "(default: ${DEFAULT-VALUE}).")
  long seed = DEFAULT_SEED;

  @Option(names = OPTION_FORMAT, paramLabel = "FORMAT",
      description = "csv (tidy CSV, one file per year) or warehouse (default: ${DEFAULT-VALUE}).")
  String format = FORMAT_CSV;

  @Option(names = OPTION_YEARS, paramLabel = "FROM-TO",
      description = "Years to generate instead of the scale's own (within " + Scale.MIN_YEAR + "-" + Scale.MAX_YEAR + ").")
  String years;

  @Mixin CommonOptions common;

  @Spec CommandSpec spec;

  /** Everything one run needs. */
  public record Config(String out, Scale scale, long seed, boolean warehouse) {

    public static Config csv(String out, int scale, long seed) {
      return new Config(out, Scale.of(scale), seed, false);
    }

    public static Config warehouse(String out, int scale, long seed) {
      return new Config(out, Scale.of(scale), seed, true);
    }
  }

  /** What a run wrote. */
  public record Result(String out, String format, String description, String command, long rows,
      long csvLines, long expectedRows, List<String> files, double seconds) {}

  public static void main(String[] args) {
    System.exit(JobRunner.execute(new GenerateJob(), args));
  }

  @Override
  public Integer call() {
    Config config = toConfig();
    return JobRunner.run(spec, common, spark -> {
      Result result = run(spark, config);
      print(result, spec.commandLine().getOut());
      return ExitCodes.OK;
    });
  }

  /** The configuration; a bad value is a usage error naming it. */
  Config toConfig() {
    if (!Scale.LEVELS.contains(scale)) {
      throw new ParameterException(spec.commandLine(), "unknown " + OPTION_SCALE + " '" + scale + "' (known: "
          + String.join(", ", Scale.LEVELS.stream().map(String::valueOf).toList()) + ")");
    }
    if (!format.equals(FORMAT_CSV) && !format.equals(FORMAT_WAREHOUSE)) {
      throw new ParameterException(spec.commandLine(), "unknown " + OPTION_FORMAT + " '" + format + "' (known: "
          + FORMAT_CSV + ", " + FORMAT_WAREHOUSE + ")");
    }
    Scale size = Scale.of(scale);
    if (years != null) {
      Matcher m = YEARS.matcher(years.strip());
      if (!m.matches()) {
        throw new ParameterException(spec.commandLine(), OPTION_YEARS + " '" + years + "' is not FROM-TO (e.g. 2015-2024)");
      }
      try {
        size = size.withYears(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), OPTION_YEARS + " '" + years + "': " + e.getMessage());
      }
    }
    return new Config(out, size, seed, format.equals(FORMAT_WAREHOUSE));
  }

  /** The whole generation, callable from tests and other jobs. */
  public static Result run(SparkSession spark, Config config) {
    long started = System.nanoTime();
    SyntheticPanel panel = new SyntheticPanel(config.seed(), config.scale());
    long expected = panel.rowCount();
    if (config.warehouse()) {
      return writeWarehouse(spark, panel, config.out(), started);
    }
    Path dir = new Path(config.out());
    List<String> files = new ArrayList<>();
    long lines = 0;
    try {
      FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (fs.exists(dir) && !fs.getFileStatus(dir).isDirectory()) {
        throw new io.provstat.ingest.InputException(OPTION_OUT + " " + dir + " is a file, not a directory");
      }
      fs.mkdirs(dir);
      // No .crc side files next to the CSV: the directory holds exactly the panel (and may be committed).
      fs.setWriteChecksum(false);
      // Files of an earlier run with other years would otherwise mix into this panel.
      for (FileStatus f : fs.listStatus(dir)) {
        if (f.isFile() && CSV_FILE.matcher(f.getPath().getName()).matches()) {
          fs.delete(f.getPath(), false);
        }
      }
      for (int year = config.scale().fromYear(); year <= config.scale().toYear(); year++) {
        Path file = new Path(dir, SyntheticPanel.csvFileName(year));
        try (Writer w = new BufferedWriter(new OutputStreamWriter(fs.create(file, true), StandardCharsets.UTF_8),
            1 << 16)) {
          lines += SyntheticCsv.writeYear(panel, year, w);
        }
        files.add(file.toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dir, e);
    }
    if (lines != panel.csvLineCount()) {
      throw new IllegalStateException("wrote " + lines + " CSV lines, expected " + panel.csvLineCount()
          + ": a generator defect");
    }
    return new Result(dir.toString(), FORMAT_CSV, config.scale().describe(), panel.command(), expected, lines,
        expected, files, (System.nanoTime() - started) / 1e9);
  }

  private static Result writeWarehouse(SparkSession spark, SyntheticPanel panel, String root, long started) {
    String runId = JobRunner.newRunId();
    Timestamp startedAt = Timestamp.from(Instant.now());
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<Integer> keys = panel.presentKeys();
    int slices = (int) Math.max(1, Math.min(keys.size(),
        Math.max(jsc.defaultParallelism(), panel.rowCount() / ROWS_PER_TASK)));
    String prefix = sourcePrefix(panel);
    JavaRDD<Row> rows = jsc.parallelize(keys, slices).flatMap(new WarehouseRows(panel, prefix));
    Dataset<Row> observations = spark.createDataFrame(rows, Tables.OBSERVATIONS.schema());

    // One ingest_runs row per year, as if the year's CSV file had been ingested: counts are known up front.
    List<Row> runs = new ArrayList<>();
    List<String> files = new ArrayList<>();
    for (int year = panel.scale().fromYear(); year <= panel.scale().toYear(); year++) {
      long n = panel.rowCount(year);
      String source = prefix + SyntheticPanel.csvFileName(year);
      files.add(source);
      runs.add(RowFactory.create(runId, startedAt, source, INGEST_FORMAT, panel.document(), n, n, 0L, 0L, n, 0L, 0L));
    }
    Warehouse store = Warehouse.open(spark, root);
    try (Warehouse.Publication publication = store.begin(runId)) {
      publication.stage(Tables.OBSERVATIONS, observations);
      publication.stage(Tables.REPORTED_AGGREGATES, spark.createDataFrame(List.of(), Tables.REPORTED_AGGREGATES.schema()));
      publication.stage(Tables.QUARANTINE, spark.createDataFrame(List.of(), Tables.QUARANTINE.schema()));
      publication.stage(Tables.CONFLICTS, spark.createDataFrame(List.of(), Tables.CONFLICTS.schema()));
      publication.stage(Tables.INGEST_RUNS, spark.createDataFrame(runs, Tables.INGEST_RUNS.schema()));
      publication.commit();
    }
    // Counted from the published table: what analyze will read is what is reported.
    long written = store.read(Tables.OBSERVATIONS).count();
    if (written != panel.rowCount()) {
      throw new PartlyPublishedException("the ingest tables of " + store.root() + " were published",
          new IllegalStateException("published " + written + " observations, expected " + panel.rowCount()
              + ": a generator defect"));
    }
    return new Result(store.root().toString(), FORMAT_WAREHOUSE, panel.scale().describe(), panel.command(), written,
        panel.csvLineCount(), panel.rowCount(), files, (System.nanoTime() - started) / 1e9);
  }

  /** The source column of generated rows: says synthetic, and names the CSV file with the same rows. */
  static String sourcePrefix(SyntheticPanel panel) {
    return "synthetic/scale-" + panel.scale().level() + "/seed-" + panel.seed() + "/";
  }

  /** The rows of province-years, with the line each has in the CSV form; superseded estimates left out. */
  static final class WarehouseRows implements FlatMapFunction<Integer, Row> {
    private static final long serialVersionUID = 1L;
    private final SyntheticPanel panel;
    private final String prefix;

    WarehouseRows(SyntheticPanel panel, String prefix) {
      this.panel = panel;
      this.prefix = prefix;
    }

    @Override
    public Iterator<Row> call(Integer key) {
      int year = panel.yearOf(key);
      String source = prefix + SyntheticPanel.csvFileName(year);
      String document = panel.document();
      int[] line = {panel.firstCsvLine(panel.provinceOf(key), year)};
      List<Row> rows = new ArrayList<>(panel.rowsPerProvinceYear());
      panel.generate(key, (Observation o) -> {
        int at = line[0]++;
        if (!o.revision()) {
          rows.add(RowFactory.create(o.provinceCode(), o.provinceName(), o.regionCode(), o.period(), o.indicator(),
              o.measure(), Double.parseDouble(o.value()), o.unit(), o.status(), null, source, at, o.vintage(),
              document, null, null, null, o.year()));
        }
      });
      return rows.iterator();
    }
  }

  public static void print(Result r, PrintWriter out) {
    out.printf(Locale.ROOT, "provstat generate: %s (%s), %s into %s%n", r.command(), r.description(), r.format(),
        r.out());
    for (String f : r.files()) {
      out.println("  " + f);
    }
    if (r.format().equals(FORMAT_CSV)) {
      out.printf(Locale.ROOT, "  CSV data lines: %d (observations %d, superseded first estimates %d)%n",
          r.csvLines(), r.rows(), r.csvLines() - r.rows());
    }
    out.printf(Locale.ROOT, "  rows: %d observations (computed up front: %d)%n", r.rows(), r.expectedRows());
    out.printf(Locale.ROOT, "  done in %.1f s%n", r.seconds());
    out.flush();
  }
}
