package io.provstat.jobs;

import io.provstat.ingest.GsoTableParser.TableSpec;
import io.provstat.ingest.Ingestion;
import io.provstat.ingest.InputException;
import io.provstat.ingest.InputFormat;
import io.provstat.ingest.ParseOptions;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;

/** The options of {@code ingest}, shared by {@code pipeline}. */
public final class IngestOptions {

  public static final String OPTION_INPUT = "--input";
  public static final String OPTION_WAREHOUSE = "--warehouse";
  public static final String OPTION_FORMAT = "--format";
  public static final String OPTION_INDICATOR = "--indicator";
  public static final String OPTION_MEASURE = "--measure";
  public static final String OPTION_UNIT = "--unit";
  public static final String OPTION_VINTAGE = "--vintage";
  public static final String OPTION_GSO_NUMBERS = "--gso-numbers";
  public static final String OPTION_MIN_YEAR = "--min-year";
  public static final String OPTION_MAX_YEAR = "--max-year";
  public static final String OPTION_PROVINCE = "--province";
  public static final String OPTION_YEAR = "--year";

  @Option(names = OPTION_INPUT, arity = "1..*", paramLabel = "PATH",
      description = "Files or directories (read recursively: *.csv, *.tsv, and *.txt read as reports). "
          + "Any Hadoop filesystem URI.")
  List<String> inputs;

  /** "ingest --format report FILE...": inputs may also be given without --input. */
  @Parameters(arity = "0..*", paramLabel = "FILE", description = "More inputs, as with " + OPTION_INPUT + ".")
  List<String> files;

  @Option(names = OPTION_WAREHOUSE, required = true, paramLabel = "DIR",
      description = "Warehouse root; tables are written to DIR/<table>/.")
  String warehouse;

  @Option(names = OPTION_FORMAT, paramLabel = "FORMAT",
      description = "tidy-csv, gso-table or report for every file. Default: told per file (*.txt are reports, "
          + "other files by their header).")
  String format;

  @Option(names = OPTION_INDICATOR, paramLabel = "CODE",
      description = "What GSO tables hold (catalogue code). Default: told from each table's title.")
  String indicator;

  @Option(names = OPTION_MEASURE, paramLabel = "MEASURE",
      description = "Measure of GSO tables' numbers (default value; an IIP table is index_prev_year).")
  String measure;

  @Option(names = OPTION_UNIT, paramLabel = "UNIT",
      description = "Unit of GSO tables' numbers; checked against the catalogue (default: implied).")
  String unit;

  @Option(names = OPTION_GSO_NUMBERS, paramLabel = "STYLE",
      description = "How the GSO tables given with --indicator write numbers: machine (1234.5, the "
          + "default) or vietnamese (1.234,5).")
  String gsoNumbers = "machine";

  @Option(names = OPTION_VINTAGE, paramLabel = "DATE",
      description = "Publication date (YYYY[-MM[-DD]]) for rows that carry none.")
  String vintage;

  @Option(names = OPTION_PROVINCE, paramLabel = "CODE",
      description = "GSO code of the province of the reports (e.g. 94). Default: told from each report's text.")
  String province;

  @Option(names = OPTION_YEAR, paramLabel = "YYYY",
      description = "Year of the reports' figures. Default: told from each report's text.")
  Integer year;

  @Option(names = OPTION_MIN_YEAR, paramLabel = "YEAR", description = "First accepted year (default: ${DEFAULT-VALUE}).")
  int minYear = ParseOptions.DEFAULT_MIN_YEAR;

  @Option(names = OPTION_MAX_YEAR, paramLabel = "YEAR", description = "Last accepted year (default: ${DEFAULT-VALUE}).")
  int maxYear = ParseOptions.DEFAULT_MAX_YEAR;

  public String warehouse() {
    return warehouse;
  }

  /** Before Spark starts: every local input exists, and the warehouse can be written. */
  void checkPaths() {
    List<String> all = new java.util.ArrayList<>();
    if (inputs != null) {
      all.addAll(inputs);
    }
    if (files != null) {
      all.addAll(files);
    }
    Preflight.inputsExist(all);
    Preflight.writable(OPTION_WAREHOUSE, warehouse);
  }

  /** The run's configuration; a bad value is a usage error naming it. */
  Ingestion.Config toConfig(CommandSpec spec) {
    List<String> all = new java.util.ArrayList<>();
    if (inputs != null) {
      all.addAll(inputs);
    }
    if (files != null) {
      all.addAll(files);
    }
    if (all.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "no input given (" + OPTION_INPUT + " PATH... or FILE...)");
    }
    InputFormat inputFormat = null;
    if (format != null) {
      inputFormat = InputFormat.fromCode(format).orElseThrow(() -> new ParameterException(spec.commandLine(),
          "unknown " + OPTION_FORMAT + " '" + format + "' (known: " + InputFormat.codes() + ")"));
    }
    if (indicator == null && (measure != null || unit != null)) {
      throw new ParameterException(spec.commandLine(), OPTION_MEASURE + " and " + OPTION_UNIT + " need "
          + OPTION_INDICATOR);
    }
    if (!gsoNumbers.equals("machine") && !gsoNumbers.equals("vietnamese")) {
      throw new ParameterException(spec.commandLine(), "unknown " + OPTION_GSO_NUMBERS + " '" + gsoNumbers
          + "' (known: machine, vietnamese)");
    }
    TableSpec gsoSpec = indicator == null ? null
        : new TableSpec(indicator, measure, unit, gsoNumbers.equals("vietnamese"));
    try {
      return new Ingestion.Config(List.copyOf(all), warehouse, inputFormat, gsoSpec, new ParseOptions(minYear, maxYear, vintage,
          province, year));
    } catch (InputException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}
