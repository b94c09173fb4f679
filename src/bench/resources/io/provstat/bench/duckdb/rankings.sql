-- Table rankings (io.provstat.analytics.Rankings) in DuckDB SQL, over the facts table (facts.sql).
-- Competition rank, largest first, of levels, growth and attainment within each region and the
-- nation; n_ranked beside n_in_scope (provinces the scope held that year); the scope's share for
-- additive levels of complete scopes. Percentages are left unrounded: the cross-check applies
-- provstat's output rounding (half-up, 2 decimals) itself.
WITH figures AS (
  SELECT province_code, province_name, region_code, indicator, 'value' AS basis, year, period, value
  FROM facts WHERE value IS NOT NULL
  UNION ALL
  SELECT province_code, province_name, region_code, indicator, 'yoy_growth_pct', year, period, growth_best
  FROM facts WHERE growth_best IS NOT NULL
  UNION ALL
  SELECT province_code, province_name, region_code, indicator, 'plan_attainment_pct', year, period, attainment
  FROM facts WHERE attainment IS NOT NULL
),
scoped AS (
  SELECT region_code AS scope, * FROM figures
  UNION ALL
  SELECT 'VN' AS scope, * FROM figures
),
members AS (
  SELECT region_code AS scope, valid_to FROM provinces
  UNION ALL
  SELECT 'VN', valid_to FROM provinces
),
sizes AS (
  SELECT s.scope, s.year, count(*) AS n_in_scope
  FROM (SELECT DISTINCT scope, year FROM scoped) s
  JOIN members m ON s.scope = m.scope
  WHERE m.valid_to IS NULL OR s.year <= m.valid_to
  GROUP BY s.scope, s.year
),
sized AS (
  SELECT sc.*, coalesce(z.n_in_scope, 0) AS n_in_scope, i.additive
  FROM scoped sc
  LEFT JOIN sizes z ON sc.scope = z.scope AND sc.year = z.year
  JOIN indicators i ON sc.indicator = i.indicator
),
ranked AS (
  SELECT *,
         rank() OVER (g ORDER BY value DESC) AS rank,
         count(*) OVER g AS n_ranked,
         -- Summed as exact decimals, as provstat does (Ratios.sum), so the order of addition is moot.
         CAST(sum(CAST(value AS DECIMAL(38, 12))) OVER g AS DOUBLE) AS scope_total
  FROM sized
  WINDOW g AS (PARTITION BY scope, indicator, basis, year, period)
),
histories AS (
  SELECT *,
         n_ranked >= n_in_scope AS complete,
         CASE WHEN lag(year) OVER h = year - 1 THEN lag(rank) OVER h END AS prev_rank
  FROM ranked
  WINDOW h AS (PARTITION BY scope, indicator, basis, period, province_code ORDER BY year)
)
SELECT scope, indicator, basis, year, period, province_code, province_name, value, rank, n_ranked,
       n_in_scope, complete, prev_rank, prev_rank - rank AS rank_change,
       CASE WHEN basis = 'value' AND additive AND complete THEN try_div(value, scope_total) * 100 END
         AS share_of_scope_pct
FROM histories
