package io.provstat.jobs;

import io.provstat.synthetic.Generation;
import io.provstat.synthetic.Scale;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code provstat generate}: parses the options, runs {@link Generation} once (a synthetic panel as
 * tidy CSV files, or published as a warehouse through ingest's publication path), prints what it wrote.
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
  public static final String FORMAT_CSV = Generation.FORMAT_CSV;
  public static final String FORMAT_WAREHOUSE = Generation.FORMAT_WAREHOUSE;

  private static final Pattern YEARS = Pattern.compile("(\\d{4})-(\\d{4})");

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

  @Mixin BatchOptions batch;

  @Mixin CommonOptions common;

  @Spec CommandSpec spec;

  public static void main(String[] args) {
    System.exit(JobRunner.execute(new GenerateJob(), args));
  }

  @Override
  public Integer call() {
    Generation.Config config = toConfig();
    Preflight.writable(OPTION_OUT, out);
    return JobRunner.run(spec, common, batch, spark -> {
      Generation.Result result;
      try {
        result = Generation.run(spark, config);
      } catch (Generation.PublishedDefectException e) {
        throw new PartlyPublishedException(e.getMessage(), e.getCause());
      }
      print(result, batch.quiet(), spec.commandLine().getOut());
      return ExitCodes.OK;
    });
  }

  /** The configuration; a bad value is a usage error naming it. */
  Generation.Config toConfig() {
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
    return new Generation.Config(out, size, seed, format.equals(FORMAT_WAREHOUSE));
  }

  public static void print(Generation.Result r, PrintWriter out) {
    print(r, false, out);
  }

  /** What was written; with {@code quiet}, one line. */
  public static void print(Generation.Result r, boolean quiet, PrintWriter out) {
    if (quiet) {
      out.printf(Locale.ROOT, "provstat generate: %s into %s: %d observations, %d file(s), done in %.1f s%n",
          r.format(), r.out(), r.rows(), r.files().size(), r.seconds());
      out.flush();
      return;
    }
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
