package io.provstat.jobs;

import io.provstat.ingest.Ingestion;
import io.provstat.ingest.Ingestion.FileSummary;
import io.provstat.ingest.Ingestion.Result;
import io.provstat.ingest.Provenance;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code provstat ingest}: parses the options, runs {@link Ingestion} once, prints its summary. The
 * exit code is {@link ExitCodes#FAILED} when a file's counts do not add up (nothing is then published).
 */
@Command(name = IngestJob.NAME, mixinStandardHelpOptions = true, sortOptions = false,
    description = "Ingest indicator files (tidy CSV, GSO tables, narrative reports) into the Parquet warehouse.")
public final class IngestJob implements Callable<Integer> {

  public static final String NAME = "ingest";

  @Mixin IngestOptions options;

  @Mixin BatchOptions batch;

  @Mixin CommonOptions common;

  @Spec CommandSpec spec;

  public static void main(String[] args) {
    System.exit(JobRunner.execute(new IngestJob(), args));
  }

  @Override
  public Integer call() {
    Ingestion.Config config = options.toConfig(spec);
    options.checkPaths();
    return JobRunner.run(spec, common, batch, spark -> {
      Result result = Ingestion.run(spark, config);
      print(result, batch.quiet(), spec.commandLine().getOut(), spec.commandLine().getErr());
      return result.balanced() ? ExitCodes.OK : ExitCodes.FAILED;
    });
  }

  /** The run summary: one line per file, totals, and where to look for what was rejected. */
  public static void print(Result result, PrintWriter out, PrintWriter err) {
    print(result, false, out, err);
  }

  /** The summary, or with {@code quiet} its one line; the warnings and errors on {@code err} either way. */
  public static void print(Result result, boolean quiet, PrintWriter out, PrintWriter err) {
    if (quiet) {
      out.println(oneLine(result));
      out.flush();
    } else {
      summary(result, out, err);
    }
    warnings(result, err);
  }

  /** The quiet result: what was read, what was kept, how long it took. */
  static String oneLine(Result result) {
    long quarantined = result.files().stream().mapToLong(FileSummary::quarantined).sum();
    return String.format(Locale.ROOT, "provstat ingest: run %s, %d file(s) of %s figures into %s: %d observations, "
        + "%d line(s) quarantined, done in %.1f s", result.runId(), result.files().size(),
        Provenance.label(result.synthetic()), result.warehouse(), result.observations(), quarantined, result.seconds());
  }

  private static void summary(Result result, PrintWriter out, PrintWriter err) {
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
    long skipped = result.files().stream().mapToLong(FileSummary::skipped).sum();
    if (skipped > 0) {
      out.printf(Locale.ROOT, "  cells not read (columns skipped, see the notes): %d (ingest_runs.values_skipped)%n",
          skipped);
    }
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
  }

  /** What needs the user's attention, --quiet or not: skipped inputs, quarantine, conflicts, failure. */
  private static void warnings(Result result, PrintWriter err) {
    long quarantined = result.files().stream().mapToLong(FileSummary::quarantined).sum();
    for (String skipped : result.skipped()) {
      err.println("provstat ingest: skipped " + skipped);
    }
    if (result.quarantined() > 0) {
      err.printf(Locale.ROOT, "provstat ingest: warning: %d line(s) quarantined (%d quarantine row(s)); see table "
          + "quarantine (e.g. jobs/provstat sql, or spark.read.parquet(\"%s/quarantine\"))%n", quarantined,
          result.quarantined(), result.warehouse());
    }
    long skipped = result.files().stream().mapToLong(FileSummary::skipped).sum();
    if (skipped > 0) {
      err.printf(Locale.ROOT, "provstat ingest: warning: %d cell(s) in columns skipped (a GSO table's breakdown that "
          + "%s does not map); see ingest_runs.values_skipped%n", skipped, io.provstat.ingest.GsoBreakdowns.RESOURCE);
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
