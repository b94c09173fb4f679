package io.provstat.jobs;

import io.provstat.analytics.Boundaries;
import io.provstat.analytics.Convergence;
import io.provstat.analytics.PlanGap;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The options of {@code analyze}, shared by {@code pipeline}. */
public final class AnalyzeOptions {

  public static final String OPTION_BOUNDARIES = "--boundaries";
  public static final String OPTION_TOLERANCE = "--tolerance";
  public static final String OPTION_RANK_BASE_YEAR = "--rank-base-year";
  public static final String OPTION_BETA_SPAN = "--beta-span";

  @Option(names = OPTION_BOUNDARIES, paramLabel = "B", split = ",",
      description = "published (default: provinces as published), 2025 (the 34 units from July 2025), or both: "
          + "published,2025. Tables carry a boundaries column.")
  List<String> boundaries = new ArrayList<>(List.of(Boundaries.PUBLISHED.code()));

  @Option(names = OPTION_TOLERANCE, paramLabel = "POINTS",
      description = "A target is met within this many points of 100 %% attainment (default: ${DEFAULT-VALUE}).")
  double tolerance = PlanGap.DEFAULT_TOLERANCE_PP;

  @Option(names = OPTION_RANK_BASE_YEAR, paramLabel = "YEAR",
      description = "Rankings compare each rank with the rank in YEAR (base_rank, rank_change_since_base); "
          + "default: each series' first year with a complete ranking.")
  Integer rankBaseYear;

  @Option(names = OPTION_BETA_SPAN, paramLabel = "FROM-TO",
      description = "Convergence's beta also over this span of years (repeatable), beside every 5-year span and "
          + "the longest complete one, e.g. 2010-2016.")
  List<String> betaSpans = new ArrayList<>();

  AnalyzeJob.Config toConfig(String warehouse, CommandSpec spec) {
    List<Boundaries> chosen = new ArrayList<>();
    for (String b : boundaries) {
      Boundaries parsed = Boundaries.fromCode(b).orElseThrow(() -> new ParameterException(spec.commandLine(),
          "unknown " + OPTION_BOUNDARIES + " '" + b + "' (known: published, 2025)"));
      if (!chosen.contains(parsed)) {
        chosen.add(parsed);
      }
    }
    if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
      throw new ParameterException(spec.commandLine(), OPTION_TOLERANCE + " must be a number of points >= 0, not "
          + tolerance);
    }
    if (rankBaseYear != null && (rankBaseYear < 1900 || rankBaseYear > 2100)) {
      throw new ParameterException(spec.commandLine(), OPTION_RANK_BASE_YEAR + " must be a year between 1900 and "
          + "2100, not " + rankBaseYear);
    }
    List<Convergence.Span> spans = new ArrayList<>();
    for (String text : betaSpans) {
      try {
        spans.add(Convergence.Span.parse(text));
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), OPTION_BETA_SPAN + ": " + e.getMessage());
      }
    }
    return new AnalyzeJob.Config(warehouse, chosen, tolerance, rankBaseYear, List.copyOf(spans));
  }
}
