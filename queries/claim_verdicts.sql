-- title: The founding review's claims, checked against the data
-- description: >-
--   Every claim with the value the almanac's data gives for it and the verdict: supported,
--   contradicted or not checkable (and which data is missing). The SQL column computes the value;
--   evidence_sql lists the rows behind it.
select id, verdict, claim, section, computed, expected, comparison, tolerance, verdict_reason,
  quantity, note, sql, evidence_sql, source_id
from claims
order by case verdict when 'contradicted' then 0 when 'not-checkable' then 1 else 2 end, id
