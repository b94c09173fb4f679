-- Table reconciliation (io.provstat.analytics.Reconciliation) in DuckDB SQL, over the facts table
-- (facts.sql), the observations, reported_aggregates and the oracle's own rankings (${rankings}, the
-- file rankings.sql wrote). Every check of two published numbers against each other is a row:
--   growth_vs_levels        reported growth vs 100 * (level / published previous level - 1)
--   attainment_vs_levels    reported attainment vs 100 * actual / plan
--   plan_growth_vs_implied  a plan's stated growth vs 100 * (plan / published previous level - 1)
--   plan_implied_base       plan / (1 + stated growth / 100) vs the previous year's level of the
--                           plan's indicator, its parent and its listed components
--   reported_rank           a reported rank vs the computed one, checkable on complete scopes
--   aggregate_sum           a reported region or national total vs the sum of its provinces
-- difference = computed - reported; ok when |difference| <= tolerance (+1e-9), null when the check
-- cannot be made (the note says why); severity warning where ok is false, else info. The verdict is
-- on unrounded numbers; the three percentage checks print computed and difference rounded, which
-- the cross-check applies itself (they are left unrounded here). status: the weakest status of the
-- figures compared (the reported one and those the computed side comes from).
WITH
-- The previous year's level of each plan's indicator, of its parent and of its listed components
-- (the catalogue's own codes: a family's members are not listed components).
plan_rows AS (
  SELECT province_code, year, period, indicator, plan, plan_growth_reported_pct, plan_status,
         plan_growth_reported_status
  FROM facts WHERE plan IS NOT NULL AND plan_growth_reported_pct IS NOT NULL
),
related AS (
  SELECT *, indicator AS compared FROM plan_rows
  UNION ALL
  SELECT p.*, i.parent FROM plan_rows p JOIN indicators i ON i.indicator = p.indicator AND i.parent IS NOT NULL
  UNION ALL
  SELECT p.*, i.indicator FROM plan_rows p JOIN indicators i ON i.parent = p.indicator AND NOT i.family_member
),
plan_bases AS (
  SELECT r.*, prev.value AS base, prev.value_status AS base_status
  FROM related r
  JOIN facts prev ON prev.province_code = r.province_code AND prev.indicator = r.compared
                 AND prev.year = r.year - 1 AND prev.period = r.period AND prev.value IS NOT NULL
),
reported_ranks AS (
  SELECT province_code, indicator, CAST(year AS INTEGER) AS year, period, value AS reported_rank, scope,
         status
  FROM observations WHERE measure = 'reported_rank'
),
reported_totals AS (
  SELECT scope, indicator, CAST(year AS INTEGER) AS year, period, value AS reported, status
  FROM reported_aggregates WHERE measure = 'value'
),
province_sums AS (
  SELECT scope, indicator, year, period, count(*) AS n,
         CAST(sum(CAST(value AS DECIMAL(38, 12))) AS DOUBLE) AS total,
         status_code(min(status_rank(value_status))) AS status
  FROM (SELECT region_code AS scope, * EXCLUDE (region_code) FROM facts WHERE value IS NOT NULL
        UNION ALL
        SELECT 'VN' AS scope, * EXCLUDE (region_code) FROM facts WHERE value IS NOT NULL)
  GROUP BY scope, indicator, year, period
),
-- The provinces each scope held in each year (a former province up to its last year); 0 for a scope
-- that is neither a region nor VN.
scope_sizes AS (
  SELECT t.scope, t.year, count(m.scope) AS n_in_scope
  FROM (SELECT DISTINCT scope, year FROM reported_totals) t
  LEFT JOIN scope_members m
    ON m.scope = t.scope AND (m.valid_to IS NULL OR t.year <= m.valid_to)
  GROUP BY t.scope, t.year
),
checks AS (
  SELECT 'growth_vs_levels' AS "check", province_code, NULL::VARCHAR AS scope, year, period, indicator,
         NULL::VARCHAR AS compared_indicator, yoy_growth_reported_pct AS reported,
         (try_div(value, prev_value) - 1) * 100 AS computed, 0.1::DOUBLE AS tolerance, true AS checkable,
         'reported growth vs growth of the published levels' AS note,
         status_code(least(status_rank(yoy_growth_reported_status), status_rank(value_status),
                           status_rank(prev_value_status))) AS status
  FROM facts
  WHERE prev_basis = 'reported' AND yoy_growth_reported_pct IS NOT NULL
  UNION ALL
  SELECT 'attainment_vs_levels', province_code, NULL, year, period, indicator, NULL, attainment_reported_pct,
         try_div(value, plan) * 100, 0.1::DOUBLE, true, 'reported attainment vs 100 * actual / plan',
         status_code(least(status_rank(attainment_reported_status), status_rank(value_status),
                           status_rank(plan_status)))
  FROM facts
  WHERE plan IS NOT NULL AND value IS NOT NULL AND attainment_reported_pct IS NOT NULL
  UNION ALL
  SELECT 'plan_growth_vs_implied', province_code, NULL, year, period, indicator, NULL, plan_growth_reported_pct,
         (try_div(plan, prev_value_reported) - 1) * 100, 0.1::DOUBLE, prev_value_reported IS NOT NULL,
         CASE WHEN prev_value_reported IS NULL THEN 'no published level the year before'
              ELSE 'stated growth of the plan vs plan / previous year''s level' END,
         status_code(least(status_rank(plan_growth_reported_status), status_rank(plan_status),
                           status_rank(CASE WHEN prev_value_reported IS NOT NULL THEN prev_value_status END)))
  FROM facts
  WHERE plan IS NOT NULL AND plan_growth_reported_pct IS NOT NULL
  UNION ALL
  SELECT 'plan_implied_base', b.province_code, NULL, b.year, b.period, b.indicator,
         CASE WHEN b.compared <> b.indicator THEN b.compared END, b.base,
         try_div(b.plan, 1.0::DOUBLE + b.plan_growth_reported_pct / 100), abs(b.base) * 0.005::DOUBLE, true,
         'plan / (1 + stated growth) vs the previous year''s ' || b.compared,
         status_code(least(status_rank(b.plan_status), status_rank(b.plan_growth_reported_status),
                           status_rank(b.base_status)))
  FROM plan_bases b
  UNION ALL
  SELECT 'reported_rank', r.province_code, r.scope, r.year, r.period, r.indicator, NULL, r.reported_rank,
         CAST(k.rank AS DOUBLE), 0.0::DOUBLE, k.complete = true,
         CASE WHEN k.rank_among_reporting IS NULL THEN 'no computed ranking in ' || r.scope
              WHEN NOT k.complete THEN 'ranking in ' || r.scope || ' incomplete: ' || CAST(k.n_ranked AS VARCHAR)
                                       || ' of ' || CAST(k.n_in_scope AS VARCHAR) || ' provinces'
              ELSE 'rank in ' || r.scope END,
         weakest(r.status, k.status)
  FROM reported_ranks r
  LEFT JOIN read_parquet('${rankings}') k
    ON k.basis = 'value' AND k.scope = r.scope AND k.province_code = r.province_code
   AND k.indicator = r.indicator AND k.year = r.year AND k.period = r.period
  UNION ALL
  SELECT 'aggregate_sum', a.scope, a.scope, a.year, a.period, a.indicator, NULL, a.reported, s.total,
         greatest(coalesce(s.n + 1, 1) * 0.05::DOUBLE, abs(a.reported) * 1e-6),
         s.n = z.n_in_scope AND s.total IS NOT NULL,
         CASE WHEN s.n IS NULL THEN 'no province figures'
              WHEN s.n <> z.n_in_scope THEN CAST(s.n AS VARCHAR) || ' of ' || CAST(z.n_in_scope AS VARCHAR)
                                            || ' provinces published: sum not comparable'
              ELSE 'sum of the provinces vs reported total' END,
         weakest(a.status, s.status)
  FROM reported_totals a
  LEFT JOIN province_sums s ON s.scope = a.scope AND s.indicator = a.indicator AND s.year = a.year
                           AND s.period = a.period
  LEFT JOIN scope_sizes z ON z.scope = a.scope AND z.year = a.year
),
judged AS (
  SELECT *, computed - reported AS difference,
         CASE WHEN checkable THEN abs(computed - reported) <= tolerance + 1e-9 END AS ok
  FROM checks
)
SELECT "check",
       CASE WHEN ok = false THEN 'warning' ELSE 'info' END AS severity,
       province_code, scope, year, period, indicator, compared_indicator, reported, computed, difference,
       tolerance, ok,
       CASE WHEN checkable AND computed IS NULL THEN 'nothing to compare with' ELSE note END AS note,
       status
FROM judged
