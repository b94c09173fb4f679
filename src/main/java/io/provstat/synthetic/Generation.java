package io.provstat.synthetic;

import io.provstat.ingest.Ingestion;
import io.provstat.ingest.InputException;
import io.provstat.ingest.StagedRecords;
import io.provstat.warehouse.RunIds;
import io.provstat.warehouse.Tables;
import io.provstat.warehouse.Warehouse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The generator's stage, its one entry point: a synthetic panel ({@link SyntheticPanel}) written as
 * tidy CSV files that ingest reads, or published as a warehouse that analyze reads. The warehouse
 * form goes through ingest's own publication path ({@link Ingestion#stageTables}): the panel's figures,
 * superseded first estimates included, become staged records on the executors (one task per group of
 * province-years, so 10^8 rows never pass through the driver), and ingest's deduplication keeps the
 * later vintage and lists the estimates it superseded in {@code conflicts}, exactly as ingesting the CSV
 * form does (only {@code source} and its prefix differ).
 */
public final class Generation {

  /** The format ingest_runs cites for generated partitions. */
  public static final String INGEST_FORMAT = "synthetic";

  /** Rows one task generates at most (about 20 MB of rows in flight), before parallelism is considered. */
  static final long ROWS_PER_TASK = 200_000;

  private static final Pattern CSV_FILE = Pattern.compile("synthetic-\\d{4}\\.csv");

  private Generation() {}

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
      long csvLines, long expectedRows, List<String> files, double seconds) {

    public Result {
      files = List.copyOf(files);
    }
  }

  /** The format names of {@link Result#format()}. */
  public static final String FORMAT_CSV = "csv";
  public static final String FORMAT_WAREHOUSE = "warehouse";

  /** The whole generation, callable from tests and commands. */
  public static Result run(SparkSession spark, Config config) {
    long started = System.nanoTime();
    SyntheticPanel panel = new SyntheticPanel(config.seed(), config.scale());
    return config.warehouse() ? publish(spark, panel, config.out(), started) : writeCsv(spark, panel, config.out(),
        started);
  }

  private static Result writeCsv(SparkSession spark, SyntheticPanel panel, String out, long started) {
    Path dir = new Path(out);
    List<String> files = new ArrayList<>();
    long lines = 0;
    try {
      FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (fs.exists(dir) && !fs.getFileStatus(dir).isDirectory()) {
        throw new InputException("--out " + dir + " is a file, not a directory");
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
      for (int year = panel.scale().fromYear(); year <= panel.scale().toYear(); year++) {
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
    long expected = panel.rowCount();
    return new Result(dir.toString(), FORMAT_CSV, panel.scale().describe(), panel.command(), expected, lines,
        expected, files, (System.nanoTime() - started) / 1e9);
  }

  /** Publishes the panel as a warehouse's ingest tables, through ingest's publication path. */
  private static Result publish(SparkSession spark, SyntheticPanel panel, String root, long started) {
    String runId = RunIds.newRunId();
    Timestamp startedAt = Timestamp.from(Instant.now());
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<Integer> keys = panel.presentKeys();
    int slices = (int) Math.max(1, Math.min(keys.size(),
        Math.max(jsc.defaultParallelism(), panel.rowCount() / ROWS_PER_TASK)));
    String prefix = sourcePrefix(panel);
    JavaRDD<Row> figures = jsc.parallelize(keys, slices).flatMap(new StagedFigures(panel, prefix));

    // One file summary per year, as if the year's CSV file had been ingested: counts are known up front.
    List<Row> summaries = new ArrayList<>();
    List<String> files = new ArrayList<>();
    for (int year = panel.scale().fromYear(); year <= panel.scale().toYear(); year++) {
      long n = panel.rowCount(year);
      String source = prefix + SyntheticPanel.csvFileName(year);
      files.add(source);
      summaries.add(StagedRecords.fileSummary(source, INGEST_FORMAT, panel.document(), n, n, 0, 0, 0, 0,
          panel.csvLineCount(year), 0));
    }
    Dataset<Row> staged = spark.createDataFrame(figures, StagedRecords.SCHEMA)
        .unionByName(spark.createDataFrame(summaries, StagedRecords.SCHEMA));
    Warehouse store = Warehouse.open(spark, root);
    long written;
    try (Warehouse.Publication publication = store.begin(runId)) {
      // Counted by the write of the observations files analyze will read: no second pass over them.
      written = Ingestion.stageTables(staged, publication, startedAt, "generate").get(Tables.OBSERVATIONS.name());
      publication.commit();
    }
    if (written != panel.rowCount()) {
      throw new PublishedDefectException("the ingest tables of " + store.root() + " were published",
          new IllegalStateException("published " + written + " observations, expected " + panel.rowCount()
              + ": a generator defect"));
    }
    return new Result(store.root().toString(), FORMAT_WAREHOUSE, panel.scale().describe(), panel.command(), written,
        panel.csvLineCount(), panel.rowCount(), files, (System.nanoTime() - started) / 1e9);
  }

  /** A defect found after the tables were published: the message says what was published. */
  public static final class PublishedDefectException extends RuntimeException {
    PublishedDefectException(String published, Throwable cause) {
      super(published, cause);
    }
  }

  /** The source column of generated rows: says synthetic, and names the CSV file with the same rows. */
  static String sourcePrefix(SyntheticPanel panel) {
    return "synthetic/scale-" + panel.scale().level() + "/seed-" + panel.seed() + "/";
  }

  /** The staged figures of province-years, with the line each has in the CSV form, superseded estimates included. */
  static final class StagedFigures implements FlatMapFunction<Integer, Row> {
    private static final long serialVersionUID = 1L;
    private final SyntheticPanel panel;
    private final String prefix;

    StagedFigures(SyntheticPanel panel, String prefix) {
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
      panel.generate(key, (Observation o) -> rows.add(StagedRecords.observation(o.figure(document), source,
          line[0]++)));
      return rows.iterator();
    }
  }
}
