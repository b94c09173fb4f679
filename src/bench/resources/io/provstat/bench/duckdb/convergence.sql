-- Table convergence (io.provstat.analytics.Convergence) in DuckDB SQL, over the facts table (facts.sql).
-- Per scope (each region, and VN), indicator and period, on the provinces' positive levels:
--   sigma             per year, stddev_pop(ln level) (divisor n)
--   sigma_ratio       sigma of the first year over sigma of the last (years with two or more provinces)
--   sigma_trend       OLS slope of sigma on year over those years
--   beta              OLS of ln(y_T / y_0) / T on ln y_0 over the provinces with both years, for every
--                     span of 5 years (span_5y) and from the first to the last complete year
--                     (longest_complete_span); speed -ln(1 + T beta) / T, half-life ln 2 / speed
--   beta_conditional  VN only: the slope within regions (values less their region's means), with
--                     n - 1 - regions degrees of freedom
-- Standard errors sqrt(SSE / df / Sxx), SSE = Syy - slope * Sxy; R^2 = 1 - SSE / SST. The two-sided
-- p-value is left NULL here: the harness fills it from t_stat and degrees_of_freedom (Student's t).
-- status: the weakest status of the levels used.
CREATE OR REPLACE TEMP TABLE convergence_raw AS
WITH levels AS (
  SELECT province_code, region_code, indicator, period, year, ln(value) AS ln_value,
         status_rank(value_status) AS precedence
  FROM facts WHERE value > 0
),
scoped AS (
  SELECT region_code AS scope, * FROM levels
  UNION ALL
  SELECT 'VN' AS scope, * FROM levels
),
sizes AS (
  SELECT s.scope, s.year, count(m.scope) AS n_in_scope
  FROM (SELECT DISTINCT scope, year FROM scoped) s
  LEFT JOIN scope_members m ON s.scope = m.scope AND (m.valid_to IS NULL OR s.year <= m.valid_to)
  GROUP BY s.scope, s.year
),
sigma AS (
  SELECT g.*, z.n_in_scope, g.n >= z.n_in_scope AS complete
  FROM (SELECT scope, indicator, period, year, stddev_pop(ln_value) AS value, count(*) AS n,
               min(precedence) AS precedence
        FROM scoped GROUP BY scope, indicator, period, year) g
  JOIN sizes z ON z.scope = g.scope AND z.year = g.year
),
over_years AS (
  SELECT scope, indicator, period, min(year) AS year_from, max(year) AS year_to, count(*) AS years,
         arg_min(value, year) AS first_sigma, arg_max(value, year) AS last_sigma,
         arg_max(n_in_scope, year) AS n_in_scope, bool_and(complete) AS complete, min(precedence) AS precedence,
         regr_slope(value, year) AS slope, regr_sxx(value, year) AS sxx, regr_syy(value, year) AS syy,
         regr_sxy(value, year) AS sxy
  FROM sigma WHERE n >= 2
  GROUP BY scope, indicator, period
  HAVING count(*) >= 2
),
spans AS (
  SELECT a.scope, a.indicator, a.period, a.year AS year_from, b.year AS year_to, 'span_5y' AS variant
  FROM sigma a JOIN sigma b ON a.scope = b.scope AND a.indicator = b.indicator AND a.period = b.period
                          AND b.year = a.year + 5
  UNION ALL
  SELECT scope, indicator, period, min(year), max(year), 'longest_complete_span'
  FROM sigma WHERE complete
  GROUP BY scope, indicator, period
  HAVING max(year) > min(year)
),
pairs AS (
  SELECT s.scope, s.indicator, s.period, s.variant, s.year_from, s.year_to, a.region_code,
         a.ln_value AS x, (b.ln_value - a.ln_value) / (s.year_to - s.year_from) AS y,
         least(a.precedence, b.precedence) AS precedence
  FROM spans s
  JOIN scoped a ON a.scope = s.scope AND a.indicator = s.indicator AND a.period = s.period AND a.year = s.year_from
  JOIN scoped b ON b.scope = s.scope AND b.indicator = s.indicator AND b.period = s.period AND b.year = s.year_to
               AND b.province_code = a.province_code
),
absolute AS (
  SELECT scope, indicator, period, variant, year_from, year_to, 'beta' AS measure, count(*) AS n,
         regr_slope(y, x) AS slope, regr_sxx(y, x) AS sxx, regr_syy(y, x) AS sst, regr_sxy(y, x) AS sxy,
         regr_syy(y, x) AS syy_residual_base, count(*) - 2 AS df, min(precedence) AS precedence
  FROM pairs GROUP BY scope, indicator, period, variant, year_from, year_to
),
demeaned AS (
  SELECT *, x - avg(x) OVER r AS xw, y - avg(y) OVER r AS yw
  FROM pairs WHERE scope = 'VN'
  WINDOW r AS (PARTITION BY scope, indicator, period, variant, year_from, year_to, region_code)
),
conditional AS (
  SELECT scope, indicator, period, variant, year_from, year_to, 'beta_conditional' AS measure, count(*) AS n,
         try_div(sum(xw * yw), sum(xw * xw)) AS slope, sum(xw * xw) AS sxx, regr_syy(y, y) AS sst,
         sum(xw * yw) AS sxy, sum(yw * yw) AS syy_residual_base,
         count(*) - 1 - count(DISTINCT region_code) AS df, min(precedence) AS precedence
  FROM demeaned GROUP BY scope, indicator, period, variant, year_from, year_to
),
fits AS (
  SELECT f.*, CASE WHEN f.sxx > 0 THEN f.slope END AS beta,
         greatest(f.syy_residual_base - CASE WHEN f.sxx > 0 THEN f.slope END * f.sxy, 0.0) AS sse,
         z.n_in_scope
  FROM (SELECT * FROM absolute UNION ALL SELECT * FROM conditional) f
  JOIN sizes z ON z.scope = f.scope AND z.year = f.year_to
),
beta_rows AS (
  SELECT scope, indicator, period, measure, variant, year_from, year_to, beta AS value,
         CASE WHEN df >= 1 AND sxx > 0 THEN sqrt(try_div(try_div(sse, df), sxx)) END AS std_error,
         CASE WHEN df >= 1 THEN df END AS degrees_of_freedom,
         CASE WHEN sst > 0 AND beta IS NOT NULL THEN 1 - try_div(sse, sst) END AS r_squared,
         CASE WHEN 1 + (year_to - year_from) * beta > 0
              THEN -ln(1 + (year_to - year_from) * beta) / (year_to - year_from) END AS speed_lambda,
         n, n_in_scope, n >= n_in_scope AS complete,
         CASE WHEN sxx IS NULL OR sxx = 0 THEN 'the initial levels (or years) do not vary: no slope'
              WHEN df < 1 THEN 'too few points for a standard error'
              WHEN beta IS NOT NULL AND 1 + (year_to - year_from) * beta <= 0
                THEN '1 + T * beta is not positive: no speed' END AS note,
         precedence
  FROM fits
),
trend_fit AS (
  SELECT *, CASE WHEN sxx > 0 THEN slope END AS beta, years - 2 AS df,
         greatest(syy - CASE WHEN sxx > 0 THEN slope END * sxy, 0.0) AS sse
  FROM over_years
),
all_rows AS (
  SELECT scope, indicator, period, 'sigma' AS measure, 'sd_of_ln_divisor_n' AS variant, year AS year_from,
         year AS year_to, value, NULL::DOUBLE AS std_error, NULL::BIGINT AS degrees_of_freedom,
         NULL::DOUBLE AS r_squared, NULL::DOUBLE AS speed_lambda, n, n_in_scope, complete,
         CASE WHEN n < 2 THEN 'fewer than 2 provinces: sigma is 0 by construction' END AS note, precedence
  FROM sigma
  UNION ALL
  SELECT scope, indicator, period, 'sigma_ratio', 'first_over_last', year_from, year_to,
         try_div(first_sigma, last_sigma), NULL, NULL, NULL, NULL, years, n_in_scope, complete,
         CASE WHEN last_sigma = 0 THEN 'sigma of the last year is 0' END, precedence
  FROM over_years
  UNION ALL
  SELECT scope, indicator, period, 'sigma_trend', 'ols_on_year', year_from, year_to, beta,
         CASE WHEN df >= 1 AND sxx > 0 THEN sqrt(try_div(try_div(sse, df), sxx)) END,
         CASE WHEN df >= 1 THEN df END,
         CASE WHEN syy > 0 AND beta IS NOT NULL THEN 1 - try_div(sse, syy) END, NULL, years, n_in_scope, complete,
         CASE WHEN sxx IS NULL OR sxx = 0 THEN 'the initial levels (or years) do not vary: no slope'
              WHEN df < 1 THEN 'too few points for a standard error' END,
         precedence
  FROM trend_fit
  UNION ALL
  SELECT * FROM beta_rows
)
SELECT row_number() OVER () AS _row, scope, indicator, period, measure, variant,
       CAST(year_from AS INTEGER) AS year_from, CAST(year_to AS INTEGER) AS year_to, value, std_error,
       CASE WHEN std_error > 0 THEN try_div(value, std_error) END AS t_stat,
       NULL::DOUBLE AS p_value, CAST(degrees_of_freedom AS BIGINT) AS degrees_of_freedom, r_squared,
       speed_lambda,
       CASE WHEN speed_lambda > 0 THEN ln(2) / speed_lambda END AS half_life_years,
       CAST(n AS BIGINT) AS n, CAST(n_in_scope AS BIGINT) AS n_in_scope, complete, note,
       status_code(precedence) AS status
FROM all_rows;
SELECT * EXCLUDE (_row) FROM convergence_raw
