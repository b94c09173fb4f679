-- Table rankings (io.provstat.analytics.Rankings) in DuckDB SQL, over the facts table (facts.sql).
-- Competition rank, largest first, of levels, growth and attainment within each region and the
-- nation; n_ranked beside n_in_scope (provinces the scope held that year); the scope's share for
-- additive levels of complete scopes. rank is the position among all the scope's provinces, so null
-- unless every one has a figure; rank_among_reporting the position among those with one; a rank a
-- report states (observations, measure reported_rank) beside it; base_rank the rank in the series'
-- first complete year (analyze's default base). Everything unrounded, as provstat stores it.
-- value_status is the ranked figure's status; status the weakest of all figures the scope-year ranks.
WITH figures AS (
  SELECT province_code, province_name, region_code, indicator, 'value' AS basis, year, period, value,
         value_status, value_basis, population_vintage
  FROM facts WHERE value IS NOT NULL
  UNION ALL
  SELECT province_code, province_name, region_code, indicator, 'yoy_growth_pct', year, period, growth_best,
         growth_best_status, value_basis, population_vintage
  FROM facts WHERE growth_best IS NOT NULL
  UNION ALL
  SELECT province_code, province_name, region_code, indicator, 'plan_attainment_pct', year, period, attainment,
         attainment_status, value_basis, population_vintage
  FROM facts WHERE attainment IS NOT NULL
),
scoped AS (
  SELECT region_code AS scope, * FROM figures
  UNION ALL
  SELECT 'VN' AS scope, * FROM figures
),
sizes AS (
  SELECT s.scope, s.year, count(*) AS n_in_scope
  FROM (SELECT DISTINCT scope, year FROM scoped) s
  JOIN scope_members m ON s.scope = m.scope
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
         rank() OVER (g ORDER BY value DESC) AS rank_among_reporting,
         count(*) OVER g AS n_ranked,
         status_code(min(status_rank(value_status)) OVER g) AS status,
         -- Summed as exact decimals, as provstat does (Ratios.sum), so the order of addition is moot.
         CAST(sum(CAST(value AS DECIMAL(38, 12))) OVER g AS DOUBLE) AS scope_total
  FROM sized
  WINDOW g AS (PARTITION BY scope, indicator, basis, year, period)
),
completed AS (
  SELECT *,
         n_ranked >= n_in_scope AS complete,
         CASE WHEN n_ranked >= n_in_scope THEN rank_among_reporting END AS rank
  FROM ranked
),
histories AS (
  SELECT *,
         CASE WHEN lag(year) OVER h = year - 1 THEN lag(rank) OVER h END AS prev_rank,
         min(CASE WHEN rank IS NOT NULL THEN year END) OVER w AS base_year
  FROM completed
  WINDOW h AS (PARTITION BY scope, indicator, basis, period, province_code ORDER BY year),
         w AS (PARTITION BY scope, indicator, basis, period, province_code)
),
based AS (
  SELECT *, max(CASE WHEN year = base_year THEN rank END) OVER w AS base_rank
  FROM histories
  WINDOW w AS (PARTITION BY scope, indicator, basis, period, province_code)
),
reported AS (
  SELECT scope, province_code, indicator, year, period, CAST(min(value) AS INTEGER) AS reported_rank
  FROM observations WHERE measure = 'reported_rank'
  GROUP BY scope, province_code, indicator, year, period
)
SELECT b.scope, b.indicator, b.basis, b.year, b.period, b.province_code, b.province_name, b.value, b.rank,
       b.rank_among_reporting,
       CASE WHEN b.basis = 'value' THEN r.reported_rank END AS reported_rank,
       b.n_ranked, b.n_in_scope, b.complete, b.prev_rank, b.prev_rank - b.rank AS rank_change,
       b.base_year, b.base_rank, b.base_rank - b.rank AS rank_change_since_base,
       CASE WHEN b.basis = 'value' AND b.additive AND b.complete THEN try_div(b.value, b.scope_total) * 100 END
         AS share_of_scope_pct,
       b.value_basis, b.population_vintage, b.value_status, b.status
FROM based b
LEFT JOIN reported r ON b.scope = r.scope AND b.province_code = r.province_code AND b.indicator = r.indicator
  AND b.year = r.year AND b.period = r.period
