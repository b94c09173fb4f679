-- Table plan_gap (io.provstat.analytics.PlanGap) in DuckDB SQL, over the facts table (facts.sql).
-- One row per province, indicator, year and period that has a target: a plan level, a reported
-- attainment or a growth target. The plan is the published one, else derived from the published
-- attainment (actual / (attainment / 100)); attainment is 100 * actual / plan where both are
-- published, else as reported; a growth target is set against the actual growth (computed from two
-- levels, else reported) in points; a plan with no actual yet is set against the previous year's
-- level (implied growth). The verdict is judged on the printed figures: the attainment rounded to
-- 2 decimals, minus 100, rounded again (gap_pct), else the growth gap rounded (growth_gap_pp);
-- within ${tolerance} points it is met, above exceeded, below missed.
-- Every figure is unrounded, as provstat stores it; only the verdict rounds (round2, as printed).
-- status: the weakest status of the row's inputs (actual, plan or the attainment it is derived from,
-- reported attainment, growth, growth target, base).
WITH targets AS (
  SELECT *,
         try_div(value * 100, attainment_reported_pct) AS derived_plan,
         CASE WHEN plan IS NOT NULL THEN try_div(value, plan) * 100 END AS attainment_computed
  FROM facts
  WHERE plan IS NOT NULL OR attainment_reported_pct IS NOT NULL OR plan_growth_reported_pct IS NOT NULL
),
judged AS (
  SELECT *,
         coalesce(plan, derived_plan) AS plan_level,
         coalesce(attainment_computed, attainment_reported_pct) AS attainment_pct,
         round2(round2(coalesce(attainment_computed, attainment_reported_pct)) - 100) AS gap_points,
         round2(growth_best - plan_growth_reported_pct) AS growth_points,
         coalesce(attainment_computed, attainment_reported_pct) - 100 AS gap_unrounded,
         CASE WHEN value IS NULL THEN prev_value END AS base_value
  FROM targets
)
SELECT province_code, province_name, region_code, year, period, indicator,
       value AS actual, value_status AS actual_status,
       plan_level AS plan,
       CASE WHEN plan IS NOT NULL THEN 'reported'
            WHEN derived_plan IS NOT NULL THEN 'derived_from_attainment' END AS plan_basis,
       attainment_pct,
       CASE WHEN attainment_computed IS NOT NULL THEN 'computed'
            WHEN attainment_pct IS NOT NULL THEN 'reported' END AS attainment_basis,
       attainment_reported_pct,
       value - plan_level AS gap_abs,
       gap_unrounded AS gap_pct,
       growth_best AS growth_pct,
       plan_growth_reported_pct AS growth_target_pct,
       growth_best - plan_growth_reported_pct AS growth_gap_pp,
       base_value,
       (try_div(plan_level, base_value) - 1) * 100 AS implied_growth_pct,
       CASE WHEN gap_points IS NOT NULL THEN
              CASE WHEN abs(gap_points) <= ${tolerance} THEN 'met'
                   WHEN gap_points > 0 THEN 'exceeded' ELSE 'missed' END
            WHEN growth_points IS NOT NULL THEN
              CASE WHEN abs(growth_points) <= ${tolerance} THEN 'met'
                   WHEN growth_points > 0 THEN 'exceeded' ELSE 'missed' END
       END AS verdict,
       CASE WHEN gap_points IS NOT NULL THEN 'attainment'
            WHEN growth_points IS NOT NULL THEN 'growth_target' END AS verdict_basis,
       CASE WHEN plan_level IS NULL AND attainment_reported_pct IS NOT NULL
              THEN 'attainment reported without a level: the plan cannot be derived'
            WHEN plan_level IS NULL THEN 'no plan level: only a growth target'
            WHEN value IS NULL THEN 'no result yet: target set against the previous year''s level'
            WHEN plan = 0 THEN 'plan is zero'
       END AS note,
       status_code(least(status_rank(value_status),
         status_rank(CASE WHEN plan IS NOT NULL THEN plan_status
                          WHEN derived_plan IS NOT NULL THEN weakest(value_status, attainment_reported_status) END),
         status_rank(attainment_reported_status),
         status_rank(CASE WHEN growth_best IS NOT NULL THEN growth_best_status END),
         status_rank(plan_growth_reported_status),
         status_rank(CASE WHEN base_value IS NOT NULL THEN prev_value_status END))) AS status
FROM judged
