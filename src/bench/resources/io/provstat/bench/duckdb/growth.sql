-- Table growth (io.provstat.analytics.Growth) in DuckDB SQL, over the facts table (facts.sql).
-- Year-over-year growth (computed from two published levels, else reported), the gap between the
-- two, CAGR over the five years to the row's year, and CAGR over the series' longest run of
-- consecutive years with levels (the latest on a tie; a merger's series break ends a run).
-- Percentages are left unrounded: the cross-check applies provstat's output rounding itself.
-- status: the weakest status of the row's level, its growth's inputs and, with a 5-year CAGR, the
-- six levels it spans; longest_run_status: the weakest of the longest run's levels.
WITH base AS (
  SELECT * FROM facts WHERE value IS NOT NULL OR yoy_growth_reported_pct IS NOT NULL
),
counted AS (
  SELECT *,
         sum(CASE WHEN value IS NOT NULL THEN 1 ELSE 0 END) OVER s AS levels_so_far,
         sum(CASE WHEN series_break THEN 1 ELSE 0 END) OVER s AS breaks_so_far
  FROM base
  WINDOW s AS (PARTITION BY province_code, indicator, period ORDER BY year)
),
-- Gaps and islands: along a run of consecutive years with levels, year - levels so far is constant.
islands AS (
  SELECT *,
         CASE WHEN value IS NOT NULL THEN (year - levels_so_far) || ':' || breaks_so_far END AS run
  FROM counted
),
runs AS (
  SELECT *,
         CASE WHEN value IS NOT NULL THEN count(*) OVER r END AS run_length,
         CASE WHEN value IS NOT NULL THEN max(year) OVER r END AS run_end,
         count(value) OVER (s RANGE BETWEEN 5 PRECEDING AND CURRENT ROW) AS levels_in_six,
         sum(CASE WHEN series_break THEN 1 ELSE 0 END) OVER (s RANGE BETWEEN 4 PRECEDING AND CURRENT ROW)
           AS breaks_in_five,
         first_value(value) OVER (s RANGE BETWEEN 5 PRECEDING AND 5 PRECEDING) AS level_5y_ago,
         min(status_rank(value_status)) OVER (s RANGE BETWEEN 5 PRECEDING AND CURRENT ROW) AS six_rank
  FROM islands
  WINDOW s AS (PARTITION BY province_code, indicator, period ORDER BY year),
         r AS (PARTITION BY province_code, indicator, period, run)
),
longest AS (
  SELECT *, max(run_length) OVER w AS longest FROM runs
  WINDOW w AS (PARTITION BY province_code, indicator, period)
),
longest_end AS (
  SELECT *, max(CASE WHEN run_length = longest THEN run_end END) OVER w AS run_to FROM longest
  WINDOW w AS (PARTITION BY province_code, indicator, period)
),
ends AS (
  SELECT *,
         max(CASE WHEN year = run_to - longest + 1 THEN value END) OVER w AS first_level,
         max(CASE WHEN year = run_to THEN value END) OVER w AS last_level,
         min(CASE WHEN year BETWEEN run_to - longest + 1 AND run_to THEN status_rank(value_status) END) OVER w
           AS run_rank
  FROM longest_end
  WINDOW w AS (PARTITION BY province_code, indicator, period)
)
SELECT province_code, province_name, region_code, indicator, year, period, value, value_status,
       value_basis, population_vintage, prev_value, prev_basis,
       growth_best AS yoy_growth_pct,
       CASE WHEN growth_computed IS NOT NULL THEN 'computed'
            WHEN yoy_growth_reported_pct IS NOT NULL THEN 'reported' END AS growth_basis,
       yoy_growth_reported_pct,
       growth_computed - yoy_growth_reported_pct AS growth_diff_pp,
       CASE WHEN value IS NOT NULL AND levels_in_six = 6 AND breaks_in_five = 0
            THEN (pow(try_div(value, level_5y_ago), 0.2::DOUBLE) - 1) * 100 END AS cagr_5y_pct,
       CASE WHEN longest - 1 >= 1 THEN CAST(run_to - longest + 1 AS INTEGER) END AS longest_run_from,
       CASE WHEN longest - 1 >= 1 THEN CAST(run_to AS INTEGER) END AS longest_run_to,
       CASE WHEN longest - 1 >= 1
            THEN (pow(try_div(last_level, first_level), 1.0::DOUBLE / (longest - 1)) - 1) * 100 END
         AS cagr_longest_run_pct,
       series_break,
       CASE WHEN growth_best IS NULL THEN
         CASE WHEN prev_value IS NULL THEN 'no previous level and no reported growth'
              WHEN prev_value = 0 THEN 'previous level is zero' END
       END AS note,
       status_code(least(status_rank(value_status), status_rank(growth_best_status),
         CASE WHEN value IS NOT NULL AND levels_in_six = 6 AND breaks_in_five = 0
                   AND (pow(try_div(value, level_5y_ago), 0.2::DOUBLE) - 1) * 100 IS NOT NULL THEN six_rank END))
         AS status,
       CASE WHEN longest - 1 >= 1
                 AND (pow(try_div(last_level, first_level), 1.0::DOUBLE / (longest - 1)) - 1) * 100 IS NOT NULL
            THEN status_code(run_rank) END AS longest_run_status
FROM ends
