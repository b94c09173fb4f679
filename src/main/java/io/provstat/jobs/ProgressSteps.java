package io.provstat.jobs;

import io.provstat.analytics.Analysis;
import io.provstat.ingest.Ingestion;
import io.provstat.warehouse.TableDef;
import io.provstat.warehouse.Tables;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The progress lines of a long run when no progress bar is shown: one line per named step as it
 * starts ({@code analyze: rankings (1/8)}). A table's number is its place in the order its stage
 * writes the tables, not the order the concurrent writes happen to start in, so the same run
 * always numbers a table the same; work outside those lists (the digest) is named without a number.
 */
final class ProgressSteps implements Consumer<String> {

  /** Each stage's tables, in the order it writes them. */
  static final Map<String, List<String>> PLAN = Map.of(
      Ingestion.STAGE, names(Tables.INGEST_TABLES),
      GenerateJob.NAME, names(Tables.INGEST_TABLES),
      AnalyzeJob.NAME, names(Analysis.TABLES));

  private final PrintWriter err;

  ProgressSteps(PrintWriter err) {
    this.err = err;
  }

  private static List<String> names(List<TableDef> tables) {
    return tables.stream().map(TableDef::name).toList();
  }

  /** The line for a named step: {@code "<stage>: <table> (i/n)"}, or the name alone. */
  static String line(String name) {
    int colon = name.indexOf(": ");
    if (colon > 0) {
      List<String> tables = PLAN.get(name.substring(0, colon));
      int place = tables == null ? -1 : tables.indexOf(name.substring(colon + 2));
      if (place >= 0) {
        return name + " (" + (place + 1) + "/" + tables.size() + ")";
      }
    }
    return name;
  }

  @Override
  public void accept(String name) {
    // println on a PrintWriter holds its lock: lines from concurrent writes never interleave.
    err.println(line(name));
    err.flush();
  }
}
