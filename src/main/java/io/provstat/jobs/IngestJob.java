package io.provstat.jobs;

import io.provstat.ingest.Deduplication;
import io.provstat.ingest.FileParser;
import io.provstat.ingest.GsoTableParser.TableSpec;
import io.provstat.ingest.IngestTransforms;
import io.provstat.ingest.InputFile;
import io.provstat.ingest.InputException;
import io.provstat.ingest.InputFormat;
import io.provstat.ingest.InputResolver;
import io.provstat.ingest.ParseOptions;
import io.provstat.ingest.Provenance;
import io.provstat.ingest.StagedRecords;
import io.provstat.warehouse.Tables;
import io.provstat.warehouse.Warehouse;
import java.io.PrintWriter;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Ingest: reads tidy CSV files, GSO statistical tables and narrative reports into the warehouse tables
 * {@code observations}, {@code reported_aggregates}, {@code quarantine}, {@code conflicts} and
 * {@code ingest_runs}, replacing their previous versions atomically.
 *
 * <p>Every data line of every file ends in a table or in quarantine (a report's lines may also state
 * no figure), and each file's accounting ({@code lines_read = lines_accepted + lines_quarantined +
 * lines_without_figures}) is printed and kept in
 * {@code ingest_runs}. The input is read once: parsed records are cached and every table is a
 * filter or a window over them.
 */
@Command(name = IngestJob.NAME, mixinStandardHelpOptions = true, sortOptions = false,
    description = "Ingest indicator files (tidy CSV, GSO tables, narrative reports) into the Parquet warehouse.")
public final class IngestJob implements Callable<Integer> {

  public static final String NAME = "ingest";

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(IngestJob.class);

  @Mixin IngestOptions options;

  @Mixin CommonOptions common;

  @Spec CommandSpec spec;

  /** Everything one ingest run needs, independent of how it was given. */
  public record Config(List<String> inputs, String warehouse, InputFormat format, TableSpec gsoSpec,
      ParseOptions options) {

    public static Config of(String warehouse, String... inputs) {
      return new Config(List.of(inputs), warehouse, null, null, ParseOptions.defaults());
    }
  }

  /** One file's accounting. */
  public record FileSummary(String source, String format, String content, long read, long accepted,
      long quarantined, long withoutFigures, long notAvailable) {
    /** Every line read is accounted for: a report's lines may also state no figure at all. */
    public boolean balanced() {
      return read == accepted + quarantined + withoutFigures;
    }
  }

  /** What a run did. */
  public record Result(String runId, String warehouse, List<FileSummary> files, List<String> skipped,
      List<String> notes, long observations, long aggregates, long quarantined, long conflicts,
      long duplicatesMerged, double seconds, boolean synthetic) {

    public boolean balanced() {
      return files.stream().allMatch(FileSummary::balanced);
    }
  }

  public static void main(String[] args) {
    System.exit(JobRunner.execute(new IngestJob(), args));
  }

  @Override
  public Integer call() {
    Config config = options.toConfig(spec);
    return JobRunner.run(spec, common, spark -> {
      Result result = run(spark, config);
      print(result, spec.commandLine().getOut(), spec.commandLine().getErr());
      return result.balanced() ? ExitCodes.OK : ExitCodes.FAILED;
    });
  }

  /** The whole ingest, callable from tests and other jobs. */
  public static Result run(SparkSession spark, Config config) {
    return run(spark, config, resolve(spark, config));
  }

  /** The config's inputs as files to read, on the driver; a bad input is an {@link InputException}. */
  public static InputResolver.Resolution resolve(SparkSession spark, Config config) {
    return new InputResolver(spark.sparkContext().hadoopConfiguration())
        .resolve(new InputResolver.Request(config.inputs(), config.format(), config.gsoSpec(), config.options()));
  }

  /**
   * Ingests files already resolved (the pipeline splits one resolution by provenance). They must be
   * all real or all synthetic: one warehouse never holds both. Publishes only when every file's
   * counts add up (otherwise the previous tables stay, and the result says it is not balanced).
   */
  public static Result run(SparkSession spark, Config config, InputResolver.Resolution resolution) {
    requireOneProvenance(resolution.files());
    Warehouse store = Warehouse.open(spark, config.warehouse());
    try (Warehouse.Publication publication = store.begin(JobRunner.newRunId())) {
      Result result = stage(spark, config, resolution, publication);
      if (result.balanced()) {
        publication.commit();
      }
      return result;
    }
  }

  /**
   * Stages the ingest tables of resolved files in a publication, which the caller commits (alone,
   * or with analyze's tables in a pipeline), and what they hold. The counts are read back from the
   * staged files, which the commit publishes unchanged: what the user can query is what is counted.
   */
  public static Result stage(SparkSession spark, Config config, InputResolver.Resolution resolution,
      Warehouse.Publication publication) {
    long started = System.nanoTime();
    Instant startedAt = Instant.now();
    String runId = publication.runId();
    List<InputFile> files = resolution.files();
    requireOneProvenance(files);

    // Each file by its own path, never a comma-joined glob (names may hold ',', '[', '{', ...).
    JavaRDD<Row> rows = FileParser.parse(JavaSparkContext.fromSparkContext(spark.sparkContext()), files);
    // Cached inside the try, so that a failure while planning one still releases the others.
    List<Dataset<Row>> cached = new ArrayList<>();
    try {
      Dataset<Row> staged = cache(cached, spark.createDataFrame(rows, StagedRecords.SCHEMA));
      Dataset<Row> rankedObservations = cache(cached,
          Deduplication.rank(IngestTransforms.stagedObservations(staged), "province_code"));
      Dataset<Row> rankedAggregates = cache(cached,
          Deduplication.rank(IngestTransforms.stagedAggregates(staged), "scope"));
      publication.stage(Tables.OBSERVATIONS, Deduplication.winners(rankedObservations));
      publication.stage(Tables.REPORTED_AGGREGATES, Deduplication.winners(rankedAggregates));
      publication.stage(Tables.QUARANTINE, IngestTransforms.quarantine(staged));
      publication.stage(Tables.CONFLICTS, IngestTransforms.conflicts(rankedObservations, rankedAggregates));
      publication.stage(Tables.INGEST_RUNS,
          IngestTransforms.ingestRuns(staged, runId, Timestamp.from(startedAt)));

      List<FileSummary> summaries = new ArrayList<>();
      for (Row r : publication.staged(Tables.INGEST_RUNS).orderBy("source").collectAsList()) {
        summaries.add(new FileSummary(r.getAs("source"), r.getAs("format"), r.getAs("content"),
            r.<Long>getAs("lines_read"), r.<Long>getAs("lines_accepted"), r.<Long>getAs("lines_quarantined"),
            r.<Long>getAs("lines_without_figures"), r.<Long>getAs("values_not_available")));
      }
      Row staging = publication.staged(Tables.INGEST_RUNS)
          .selectExpr("coalesce(sum(observations_staged), 0)", "coalesce(sum(aggregates_staged), 0)").first();
      long observations = publication.staged(Tables.OBSERVATIONS).count();
      long aggregates = publication.staged(Tables.REPORTED_AGGREGATES).count();
      long quarantined = publication.staged(Tables.QUARANTINE).count();
      long conflicts = publication.staged(Tables.CONFLICTS).count();
      long duplicates = staging.getLong(0) + staging.getLong(1) - observations - aggregates - conflicts;
      List<String> notes = files.stream().flatMap(f -> f.notes().stream()).toList();
      return new Result(runId, publication.warehouse().root().toString(), summaries, resolution.skipped(), notes,
          observations, aggregates, quarantined, conflicts, duplicates, (System.nanoTime() - started) / 1e9,
          !files.isEmpty() && files.get(0).synthetic());
    } finally {
      // Clean-up must never replace the failure that brought us here.
      for (Dataset<Row> dataset : cached) {
        try {
          dataset.unpersist();
        } catch (RuntimeException e) {
          LOG.warn("could not release a cached dataset: {}", e.toString());
        }
      }
    }
  }

  private static Dataset<Row> cache(List<Dataset<Row>> cached, Dataset<Row> dataset) {
    Dataset<Row> persisted = dataset.persist(StorageLevel.MEMORY_AND_DISK());
    cached.add(persisted);
    return persisted;
  }

  /** Refuses a mix of real and synthetic files, naming one of each. */
  static void requireOneProvenance(List<InputFile> files) {
    List<InputFile> synthetic = files.stream().filter(InputFile::synthetic).toList();
    if (!synthetic.isEmpty() && synthetic.size() < files.size()) {
      InputFile real = files.stream().filter(f -> !f.synthetic()).findFirst().orElseThrow();
      throw new InputException("the inputs mix real figures (" + (files.size() - synthetic.size())
          + " file(s), e.g. " + real.source() + ") and synthetic figures (" + synthetic.size()
          + " file(s), e.g. " + synthetic.get(0).source() + "); one warehouse never holds both: ingest them "
          + "into separate warehouses, or run pipeline with " + PipelineJob.OPTION_SYNTHETIC_WAREHOUSE + " DIR");
    }
  }

  /** The run summary: one line per file, totals, and where to look for what was rejected. */
  public static void print(Result result, PrintWriter out, PrintWriter err) {
    int width = Math.max(6, result.files().stream().mapToInt(f -> f.source().length()).max().orElse(6));
    String row = "  %-" + width + "s  %-9s  %8s  %8s  %11s  %9s%n";
    out.printf(Locale.ROOT, "provstat ingest: run %s, %d file(s) of %s figures into %s%n", result.runId(),
        result.files().size(), Provenance.label(result.synthetic()), result.warehouse());
    out.printf(Locale.ROOT, row, "source", "format", "read", "accepted", "quarantined", "no figure");
    long read = 0;
    long accepted = 0;
    long quarantined = 0;
    long withoutFigures = 0;
    for (FileSummary f : result.files()) {
      out.printf(Locale.ROOT, row, f.source(), f.format(), f.read(), f.accepted(), f.quarantined(),
          f.withoutFigures());
      read += f.read();
      accepted += f.accepted();
      quarantined += f.quarantined();
      withoutFigures += f.withoutFigures();
    }
    out.printf(Locale.ROOT, row, "total", "", read, accepted, quarantined, withoutFigures);
    out.printf(Locale.ROOT, "  observations: %d (duplicates merged: %d, conflicts resolved: %d)%n",
        result.observations(), result.duplicatesMerged(), result.conflicts());
    // A report line may hold several refused figures, each a quarantine row of its own.
    out.printf(Locale.ROOT, "  reported aggregates: %d; quarantine rows: %d (lines quarantined: %d)%n",
        result.aggregates(), result.quarantined(), quarantined);
    out.printf(Locale.ROOT, "  tables (rows): observations %d, reported_aggregates %d, quarantine %d, conflicts %d, "
        + "ingest_runs %d%n", result.observations(), result.aggregates(), result.quarantined(), result.conflicts(),
        result.files().size());
    out.printf(Locale.ROOT, "  check: lines read = accepted + quarantined + no figure (report text) for every "
        + "file: %s%n",
        result.balanced() ? "yes" : "NO");
    out.printf(Locale.ROOT, "  done in %.1f s%n", result.seconds());
    out.flush();
    for (String note : result.notes()) {
      err.println("provstat ingest: note: " + note);
    }
    for (String skipped : result.skipped()) {
      err.println("provstat ingest: skipped " + skipped);
    }
    if (result.quarantined() > 0) {
      err.printf(Locale.ROOT, "provstat ingest: warning: %d line(s) quarantined (%d quarantine row(s)); see table "
          + "quarantine (e.g. jobs/provstat sql, or spark.read.parquet(\"%s/quarantine\"))%n", quarantined,
          result.quarantined(), result.warehouse());
    }
    if (result.conflicts() > 0) {
      err.printf(Locale.ROOT, "provstat ingest: warning: %d conflicting figure(s) resolved; see table conflicts%n",
          result.conflicts());
    }
    if (!result.balanced()) {
      err.println("provstat ingest: error: the per-file counts do not add up (a provstat defect); nothing was "
          + "published, the previous tables of " + result.warehouse() + " are unchanged");
    }
    err.flush();
  }
}
