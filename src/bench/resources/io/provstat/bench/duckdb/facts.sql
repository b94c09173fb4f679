-- Facts (io.provstat.analytics.Facts) re-expressed in DuckDB SQL: observations turned wide, one row
-- per province, indicator, period and year, with the previous year's level beside it. Written from
-- the documented semantics, not generated from provstat's plans, so that it is an independent oracle.
--
-- Inputs: ${observations} (a read_parquet path), and the tables the harness writes from the jar's
-- reference data: indicators(indicator, additive, parent, component_set),
-- mergers(former_code, successor_code, last_year), per_capita(code, numerator, factor, unit).
-- Per-capita figures (code = numerator / population * factor, same province, year and period, positive
-- population) join the observations first, with the population's vintage and the weaker status.
-- try_div(a, b): a / b, or NULL when b is 0 or NULL (Spark's try_divide under ANSI mode).
CREATE OR REPLACE TEMP TABLE facts AS
WITH published AS (
  SELECT province_code, province_name, region_code, period, indicator, measure, value, status,
         CAST(year AS INTEGER) AS year, source, vintage
  FROM read_parquet('${observations}', hive_partitioning = true)
),
population AS (
  SELECT province_code, period, year, value AS population, status AS population_status,
         vintage AS population_vintage
  FROM published WHERE indicator = 'population' AND measure = 'value' AND value > 0
),
obs AS (
  SELECT * FROM published
  UNION ALL
  SELECT o.province_code, o.province_name, o.region_code, o.period, r.code, 'value',
         o.value / p.population * r.factor, weakest(o.status, p.population_status), o.year,
         'derived_per_capita', p.population_vintage
  FROM published o
  JOIN per_capita r ON r.numerator = o.indicator
  JOIN population p ON p.province_code = o.province_code AND p.period = o.period AND p.year = o.year
  WHERE o.measure = 'value'
),
wide AS (
  SELECT province_code, indicator, period, year,
         any_value(province_name) AS province_name,
         any_value(region_code) AS region_code,
         max(CASE WHEN measure = 'value' THEN value END) AS value,
         max(CASE WHEN measure = 'value' THEN status END) AS value_status,
         max(CASE WHEN measure = 'value' THEN CASE WHEN source = 'derived_per_capita' THEN 'derived_per_capita'
                                                   ELSE 'reported' END END) AS value_basis,
         max(CASE WHEN measure = 'value' AND source = 'derived_per_capita' THEN vintage END) AS population_vintage,
         max(CASE WHEN measure = 'plan' THEN value END) AS plan,
         max(CASE WHEN measure = 'plan' THEN status END) AS plan_status,
         max(CASE WHEN measure = 'yoy_growth_pct' THEN value END) AS yoy_reported,
         max(CASE WHEN measure = 'yoy_growth_pct' THEN status END) AS yoy_reported_status,
         -- An index on the previous year (= 100) is a reported growth of index - 100.
         max(CASE WHEN measure = 'index_prev_year' THEN value - 100 END) AS yoy_from_index,
         max(CASE WHEN measure = 'index_prev_year' THEN status END) AS yoy_from_index_status,
         max(CASE WHEN measure = 'plan_attainment_pct' THEN value END) AS attainment_reported_pct,
         max(CASE WHEN measure = 'plan_attainment_pct' THEN status END) AS attainment_reported_status,
         max(CASE WHEN measure = 'plan_growth_pct' THEN value END) AS plan_growth_reported_pct,
         max(CASE WHEN measure = 'plan_growth_pct' THEN status END) AS plan_growth_reported_status
  FROM obs
  GROUP BY province_code, indicator, period, year
),
-- The level published for the year before, only if that year is the row just before in the series.
lagged AS (
  SELECT *,
         CASE WHEN lag(year) OVER s = year - 1 THEN lag(value) OVER s END AS previous_year_level,
         CASE WHEN lag(year) OVER s = year - 1 THEN lag(value_status) OVER s END AS previous_year_status
  FROM wide
  WINDOW s AS (PARTITION BY province_code, indicator, period ORDER BY year)
),
-- Hà Tây into Hà Nội: the successor's first year after the merger compares with both levels.
breaks AS (
  SELECT successor_code AS province_code, last_year + 1 AS year, true AS series_break FROM mergers
),
absorbed AS (
  SELECT m.successor_code AS province_code, o.indicator, o.period, o.year + 1 AS year, o.value AS absorbed,
         o.status AS absorbed_status
  FROM obs o JOIN mergers m ON o.province_code = m.former_code AND o.year = m.last_year
  WHERE o.measure = 'value'
),
joined AS (
  SELECT l.*, coalesce(b.series_break, false) AS series_break, a.absorbed, a.absorbed_status, i.additive,
         coalesce(l.yoy_reported, l.yoy_from_index) AS yoy_growth_reported_pct,
         CASE WHEN l.yoy_reported IS NOT NULL THEN l.yoy_reported_status ELSE l.yoy_from_index_status END
           AS yoy_growth_reported_status
  FROM lagged l
  LEFT JOIN breaks b ON l.province_code = b.province_code AND l.year = b.year
  LEFT JOIN absorbed a ON l.province_code = a.province_code AND l.indicator = a.indicator
                      AND l.period = a.period AND l.year = a.year
  LEFT JOIN indicators i ON l.indicator = i.indicator
),
restated AS (
  SELECT *,
         CASE WHEN NOT series_break THEN previous_year_level
              WHEN additive THEN previous_year_level + absorbed END AS prev_value_reported,
         CASE WHEN NOT series_break THEN previous_year_status
              WHEN additive THEN weakest(previous_year_status, absorbed_status) END AS prev_value_reported_status
  FROM joined
),
with_prev AS (
  SELECT *,
         coalesce(prev_value_reported,
                  try_div(value, 1.0::DOUBLE + yoy_growth_reported_pct / 100)) AS prev_value
  FROM restated
)
SELECT province_code, indicator, period, year, province_name, region_code, value, value_status, value_basis,
       population_vintage, plan,
       plan_status, attainment_reported_pct, attainment_reported_status, plan_growth_reported_pct,
       plan_growth_reported_status, yoy_growth_reported_pct, yoy_growth_reported_status, series_break,
       prev_value, prev_value_reported,
       -- Statuses: a previous level derived from a level and its growth is as final as the weaker.
       CASE WHEN prev_value_reported IS NOT NULL THEN prev_value_reported_status
            WHEN prev_value IS NOT NULL THEN weakest(value_status, yoy_growth_reported_status) END
         AS prev_value_status,
       CASE WHEN prev_value_reported IS NOT NULL THEN 'reported'
            WHEN prev_value IS NOT NULL THEN 'derived_from_growth' END AS prev_basis,
       -- Growth from two published levels (Growth.computed), and the growth to use (Growth.best).
       CASE WHEN prev_value_reported IS NOT NULL THEN (try_div(value, prev_value) - 1) * 100 END
         AS growth_computed,
       coalesce(CASE WHEN prev_value_reported IS NOT NULL THEN (try_div(value, prev_value) - 1) * 100 END,
                yoy_growth_reported_pct) AS growth_best,
       -- Attainment computed from a published plan, else as reported (PlanGap.attainment).
       coalesce(CASE WHEN plan IS NOT NULL THEN try_div(value, plan) * 100 END, attainment_reported_pct)
         AS attainment,
       -- Their statuses: the weaker of the two levels where computed, else the reported figure's.
       CASE WHEN prev_value_reported IS NOT NULL AND try_div(value, prev_value) IS NOT NULL
            THEN weakest(value_status, prev_value_reported_status) ELSE yoy_growth_reported_status END
         AS growth_best_status,
       CASE WHEN plan IS NOT NULL AND try_div(value, plan) IS NOT NULL THEN weakest(value_status, plan_status)
            ELSE attainment_reported_status END AS attainment_status
FROM with_prev
