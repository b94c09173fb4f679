-- Table scorecard (io.provstat.analytics.Scorecard) in DuckDB SQL, over the oracle's own plan_gap
-- (${plan_gap}, the file plan_gap.sql wrote): per province, year and period, the targets judged
-- (with a verdict), met (met or exceeded), exceeded, missed, pending (no verdict: no result yet), and
-- 100 * met / judged; status the weakest of the targets' statuses. The percentage is left unrounded: the cross-check applies provstat's rounding.
SELECT province_code, any_value(province_name) AS province_name, year, period,
       count(verdict) AS targets_set,
       count(*) FILTER (WHERE verdict IN ('met', 'exceeded')) AS targets_met,
       count(*) FILTER (WHERE verdict = 'exceeded') AS targets_exceeded,
       count(*) FILTER (WHERE verdict = 'missed') AS targets_missed,
       count(*) FILTER (WHERE verdict IS NULL) AS targets_pending,
       try_div(count(*) FILTER (WHERE verdict IN ('met', 'exceeded')), count(verdict)) * 100 AS met_pct,
       status_code(min(status_rank(status))) AS status
FROM read_parquet('${plan_gap}')
GROUP BY province_code, year, period
