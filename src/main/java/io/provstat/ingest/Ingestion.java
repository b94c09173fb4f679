package io.provstat.ingest;

import io.provstat.ingest.GsoTableParser.TableSpec;
import io.provstat.warehouse.RunIds;
import io.provstat.warehouse.Tables;
import io.provstat.warehouse.Warehouse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * The ingest stage, its one entry point: inputs in, the ingest tables {@code observations},
 * {@code reported_aggregates}, {@code quarantine}, {@code conflicts} and {@code ingest_runs} out
 * (replacing their previous versions atomically), with each file's line accounting as an immutable
 * {@link Result}. Commands ({@code provstat ingest}, {@code provstat pipeline}) and tests call it alike.
 *
 * <p>Every data line of every file ends in a table or in quarantine (a report's lines may also state
 * no figure), and each file's accounting ({@code lines_read = lines_accepted + lines_quarantined +
 * lines_without_figures}) is kept in {@code ingest_runs}. The input is read once: parsed records are
 * cached and every table is a filter or a window over them.
 */
public final class Ingestion {

  /** The option {@code provstat pipeline} splits real and synthetic inputs with, named in messages. */
  public static final String SPLIT_OPTION = "--synthetic-warehouse";

  /** How this stage's Spark jobs are named. */
  public static final String STAGE = "ingest";

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Ingestion.class);

  private Ingestion() {}

  /** Everything one ingest run needs, independent of how it was given. */
  public record Config(List<String> inputs, String warehouse, InputFormat format, TableSpec gsoSpec,
      ParseOptions options) {

    public Config {
      inputs = List.copyOf(inputs);
    }

    public static Config of(String warehouse, String... inputs) {
      return new Config(List.of(inputs), warehouse, null, null, ParseOptions.defaults());
    }

    /** The same run into another warehouse (the pipeline sends synthetic inputs to their own). */
    public Config withWarehouse(String other) {
      return new Config(inputs, other, format, gsoSpec, options);
    }
  }

  /** One file's accounting. */
  public record FileSummary(String source, String format, String content, long read, long accepted,
      long quarantined, long withoutFigures, long notAvailable, long skipped) {
    /** Every line read is accounted for: a report's lines may also state no figure at all. */
    public boolean balanced() {
      return read == accepted + quarantined + withoutFigures;
    }
  }

  /** What a run did. */
  public record Result(String runId, String warehouse, List<FileSummary> files, List<String> skipped,
      List<String> notes, long observations, long aggregates, long quarantined, long conflicts,
      long duplicatesMerged, double seconds, boolean synthetic) {

    public Result {
      files = List.copyOf(files);
      skipped = List.copyOf(skipped);
      notes = List.copyOf(notes);
    }

    public boolean balanced() {
      return files.stream().allMatch(FileSummary::balanced);
    }

    /** Lines quarantined, over all files (a report line with several refused figures is one line). */
    public long linesQuarantined() {
      return files.stream().mapToLong(FileSummary::quarantined).sum();
    }
  }

  /** The whole ingest: resolves the inputs, stages the tables and publishes them when every file balances. */
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
    try (Warehouse.Publication publication = store.begin(RunIds.newRunId())) {
      Result result = stage(spark, resolution, publication);
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
  public static Result stage(SparkSession spark, InputResolver.Resolution resolution,
      Warehouse.Publication publication) {
    long started = System.nanoTime();
    Instant startedAt = Instant.now();
    List<InputFile> files = resolution.files();
    requireOneProvenance(files);

    // Each file by its own path, never a comma-joined glob (names may hold ',', '[', '{', ...).
    JavaRDD<Row> rows = FileParser.parse(JavaSparkContext.fromSparkContext(spark.sparkContext()), files);
    Map<String, Long> written = stageTables(spark.createDataFrame(rows, StagedRecords.SCHEMA), publication,
        Timestamp.from(startedAt), STAGE);
    return summarise(publication, resolution, started, written);
  }

  /**
   * The one path from staged records ({@link StagedRecords}: what the parsers, or the synthetic
   * panel's generator, emitted) to the five ingest tables of a publication: deduplication, conflicts,
   * quarantine and the per-file accounting. The staged records are computed once (cached) and every
   * table is a filter or a window over them.
   */
  public static Map<String, Long> stageTables(Dataset<Row> records, Warehouse.Publication publication,
      Timestamp startedAt, String stage) {
    // Cached inside the try, so that a failure while planning one still releases the others.
    List<Dataset<Row>> cached = new ArrayList<>();
    try {
      Dataset<Row> staged = cache(cached, records);
      Dataset<Row> rankedObservations = cache(cached,
          Deduplication.rank(IngestTransforms.stagedObservations(staged), "province_code"));
      Dataset<Row> rankedAggregates = cache(cached,
          Deduplication.rank(IngestTransforms.stagedAggregates(staged), "scope"));
      // Each table's jobs are named for the Spark UI and event log ("ingest: observations"); each
      // write counts its own rows.
      Map<String, Long> rows = new LinkedHashMap<>();
      rows.put(Tables.OBSERVATIONS.name(),
          publication.stage(stage, Tables.OBSERVATIONS, Deduplication.winners(rankedObservations)));
      rows.put(Tables.REPORTED_AGGREGATES.name(),
          publication.stage(stage, Tables.REPORTED_AGGREGATES, Deduplication.winners(rankedAggregates)));
      rows.put(Tables.QUARANTINE.name(),
          publication.stage(stage, Tables.QUARANTINE, IngestTransforms.quarantine(staged)));
      rows.put(Tables.CONFLICTS.name(),
          publication.stage(stage, Tables.CONFLICTS, IngestTransforms.conflicts(rankedObservations, rankedAggregates)));
      rows.put(Tables.INGEST_RUNS.name(), publication.stage(stage, Tables.INGEST_RUNS,
          IngestTransforms.ingestRuns(staged, publication.runId(), startedAt)));
      return rows;
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

  /** The result, read back from the staged tables (one ingest_runs row per file: bounded by the inputs). */
  private static Result summarise(Warehouse.Publication publication, InputResolver.Resolution resolution,
      long started, Map<String, Long> written) {
    List<InputFile> files = resolution.files();
    List<FileSummary> summaries = new ArrayList<>();
    long observationsStaged = 0;
    long aggregatesStaged = 0;
    for (Row r : publication.staged(Tables.INGEST_RUNS).orderBy("source").collectAsList()) {
      summaries.add(new FileSummary(r.getAs("source"), r.getAs("format"), r.getAs("content"),
          r.<Long>getAs("lines_read"), r.<Long>getAs("lines_accepted"), r.<Long>getAs("lines_quarantined"),
          r.<Long>getAs("lines_without_figures"), r.<Long>getAs("values_not_available"),
          r.<Long>getAs("values_skipped")));
      observationsStaged += r.isNullAt(r.fieldIndex("observations_staged")) ? 0 : r.<Long>getAs("observations_staged");
      aggregatesStaged += r.isNullAt(r.fieldIndex("aggregates_staged")) ? 0 : r.<Long>getAs("aggregates_staged");
    }
    long observations = written.get(Tables.OBSERVATIONS.name());
    long aggregates = written.get(Tables.REPORTED_AGGREGATES.name());
    long quarantined = written.get(Tables.QUARANTINE.name());
    long conflicts = written.get(Tables.CONFLICTS.name());
    long duplicates = observationsStaged + aggregatesStaged - observations - aggregates - conflicts;
    List<String> notes = files.stream().flatMap(f -> f.notes().stream()).toList();
    return new Result(publication.runId(), publication.warehouse().root().toString(), summaries,
        resolution.skipped(), notes, observations, aggregates, quarantined, conflicts, duplicates,
        (System.nanoTime() - started) / 1e9, !files.isEmpty() && files.get(0).synthetic());
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
          + "into separate warehouses, or run pipeline with " + SPLIT_OPTION + " DIR");
    }
  }
}
