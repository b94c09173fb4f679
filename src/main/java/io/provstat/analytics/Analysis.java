package io.provstat.analytics;

import static org.apache.spark.sql.functions.lit;

import io.provstat.warehouse.NamedJobs;
import io.provstat.warehouse.TableDef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * The analyze stage: every analytic table from observations and reported aggregates. {@link #of}
 * is its entry point: it decides which reference frames go with which boundaries (the provinces as
 * published with their mergers, or the 34 units of 2025 with none) and labels each table's rows
 * with their boundaries. For one set of boundaries the wide facts are built once and cached; each
 * table is a pure function of them (and of each other: rankings rank the growth and attainment the
 * other tables compute). Nothing runs until {@link #prepare} builds the shared caches or a table is
 * written; {@link #close} releases the caches.
 */
public final class Analysis implements AutoCloseable {

  /** The output tables, each with a leading {@code boundaries} column. */
  public static final List<TableDef> TABLES = List.of(
      labelled(Rankings.OUTPUT), labelled(Growth.OUTPUT), labelled(Contributions.OUTPUT),
      labelled(ShiftShare.OUTPUT), labelled(PlanGap.OUTPUT), labelled(Scorecard.OUTPUT),
      labelled(Reconciliation.OUTPUT), labelled(Convergence.OUTPUT),
      labelled(Disparities.OUTPUT), labelled(Specialisation.OUTPUT));

  private final List<Dataset<Row>> cached = new ArrayList<>();
  /** The cached intermediates by name, in the order they depend on each other: what {@link #prepare} builds. */
  private final Map<String, Dataset<Row>> shared = new LinkedHashMap<>();
  private final Map<String, Dataset<Row>> tables = new LinkedHashMap<>();
  /** The analyses per boundaries that {@link #of} combined, closed with this one. */
  private final List<Analysis> parts = new ArrayList<>();

  /**
   * Every analytic table for each of the given boundaries, one dataset per table with the rows of
   * all of them, labelled in column {@code boundaries}.
   */
  public static Analysis of(Dataset<Row> observations, Dataset<Row> aggregates, List<Boundaries> boundaries,
      Settings settings) {
    if (boundaries.isEmpty()) {
      throw new IllegalArgumentException("no boundaries to analyze on");
    }
    SparkSession spark = observations.sparkSession();
    Dataset<Row> indicators = ReferenceFrames.indicators(spark);
    Analysis combined = new Analysis();
    try {
      for (Boundaries b : boundaries) {
        Analysis part = b == Boundaries.PUBLISHED
            ? new Analysis(observations, aggregates, ReferenceFrames.provinces(spark), indicators,
                ReferenceFrames.mergers(spark), settings)
            : new Analysis(Boundaries.observations2025(observations, indicators), Boundaries.aggregates2025(aggregates),
                ReferenceFrames.units2025(spark), indicators, ReferenceFrames.noMergers(spark), settings);
        combined.parts.add(part);
        for (TableDef table : TABLES) {
          combined.tables.merge(table.name(), part.table(table.name(), b), Dataset::unionByName);
        }
      }
      return combined;
    } catch (RuntimeException e) {
      combined.close();
      throw e;
    }
  }

  private Analysis() {}

  /**
   * What an analysis can be told.
   *
   * @param tolerance points within which a target counts as met
   * @param rankBaseYear the year rankings' {@code base_rank} is taken from; null: each series'
   *     first year with a complete ranking
   * @param betaSpans convergence's beta spans asked for beside the default ones
   */
  public record Settings(double tolerance, Integer rankBaseYear, List<Convergence.Span> betaSpans) {
    public Settings(double tolerance, Integer rankBaseYear) {
      this(tolerance, rankBaseYear, List.of());
    }

    public static Settings withTolerance(double tolerance) {
      return new Settings(tolerance, null);
    }
  }

  /** The tables in {@link #TABLES}' order, as {@link #of} labelled them, ready to write. */
  public Map<TableDef, Dataset<Row>> tables() {
    Map<TableDef, Dataset<Row>> out = new LinkedHashMap<>();
    for (TableDef table : TABLES) {
      out.put(table, table(table.name()));
    }
    return out;
  }

  /**
   * @param provinces the units of these boundaries (see {@link ReferenceFrames})
   * @param mergers provinces absorbed by others within these boundaries
   */
  public Analysis(Dataset<Row> observations, Dataset<Row> aggregates, Dataset<Row> provinces,
      Dataset<Row> indicators, Dataset<Row> mergers, Settings settings) {
    double tolerance = settings.tolerance();
    // Per-capita figures are derived on the units at hand (on the 2025 units, from their summed levels).
    observations = PerCapita.withDerived(observations);
    Dataset<Row> facts = share("facts", Facts.of(observations, indicators, mergers));
    // The large tables are written once and not cached: caching them cost more than it saved.
    Dataset<Row> planGap = share("plan targets", PlanGap.compute(facts, tolerance));
    tables.put(Rankings.OUTPUT.name(), Rankings.compute(facts, provinces, indicators,
        Rankings.reportedRanks(observations), settings.rankBaseYear()));
    tables.put(Growth.OUTPUT.name(), Growth.compute(facts));
    // Component levels feed both contributions and shift-share: computed once.
    Dataset<Row> components = share("component levels", Contributions.byComponentSet(facts, indicators));
    tables.put(Contributions.OUTPUT.name(),
        Contributions.compute(facts, components, indicators, aggregates, provinces));
    tables.put(ShiftShare.OUTPUT.name(), ShiftShare.compute(components, provinces));
    tables.put(PlanGap.OUTPUT.name(), planGap);
    tables.put(Scorecard.OUTPUT.name(), Scorecard.compute(planGap));
    tables.put(Reconciliation.OUTPUT.name(),
        Reconciliation.compute(observations, facts, reportedRankings(observations, facts, provinces, indicators),
            aggregates, provinces, indicators));
    tables.put(Convergence.OUTPUT.name(), Convergence.compute(facts, provinces, settings.betaSpans()));
    tables.put(Disparities.OUTPUT.name(), Disparities.compute(facts, provinces, indicators));
    tables.put(Specialisation.OUTPUT.name(), Specialisation.compute(facts, provinces, indicators));
    // Names, unit and price basis last: every table gains the same label columns the same way.
    tables.replaceAll((name, table) -> Labels.apply(name, table, provinces));
  }

  /**
   * The rankings a reported rank is checked against: only the indicators, years and periods some
   * report ranks (a handful), each over all its provinces, so the check never needs the whole
   * rankings table a second time.
   */
  private static Dataset<Row> reportedRankings(Dataset<Row> observations, Dataset<Row> facts, Dataset<Row> provinces,
      Dataset<Row> indicators) {
    Dataset<Row> ranked = observations.filter(functions.col("measure").equalTo("reported_rank"))
        .select("indicator", "year", "period").distinct();
    return Rankings.compute(facts.join(functions.broadcast(ranked), new String[] {"indicator", "year", "period"},
        "left_semi"), provinces, indicators);
  }

  private Dataset<Row> share(String name, Dataset<Row> data) {
    Dataset<Row> persisted = data.persist(StorageLevel.MEMORY_AND_DISK());
    cached.add(persisted);
    shared.put(name, persisted);
    return persisted;
  }

  /**
   * Builds the cached intermediates several tables read (the facts, then the component levels and
   * the plan targets), one named job each ({@code analyze: facts}), before the tables are written
   * at once: a table written beside another then reads them, instead of waiting on, or building
   * again, a cache block the other is still building.
   */
  public void prepare() {
    parts.forEach(Analysis::prepare);
    shared.forEach((name, data) -> NamedJobs.run(data.sparkSession(), "analyze: " + name, data::count));
  }

  /** A table by name, without the boundaries column. */
  public Dataset<Row> table(String name) {
    Dataset<Row> table = tables.get(name);
    if (table == null) {
      throw new IllegalArgumentException("no analytic table " + name);
    }
    return table;
  }

  /** A table by name, labelled with the boundaries it was computed on. */
  public Dataset<Row> table(String name, Boundaries boundaries) {
    return table(name).withColumn("boundaries", lit(boundaries.code()));
  }

  @Override
  public void close() {
    cached.forEach(Dataset::unpersist);
    parts.forEach(Analysis::close);
  }

  private static TableDef labelled(TableDef table) {
    return withBoundaries(Labels.define(table));
  }

  static TableDef withBoundaries(TableDef table) {
    StructType schema = new StructType().add("boundaries", DataTypes.StringType, false,
        "published (provinces as published) or 2025 (the 34 units from July 2025)");
    for (StructField field : table.schema().fields()) {
      schema = schema.add(field);
    }
    List<String> sort = new ArrayList<>();
    sort.add("boundaries");
    sort.addAll(table.sortColumns());
    return new TableDef(table.name(), table.description(), schema, table.partitionColumns(), sort);
  }
}
