-- title: The period the almanac covers
-- description: >-
--   The earliest and the latest day of a dated fact in the almanac (a release, an event, a price
--   or a limit taking effect, a name starting to point at a model), computed from the data at
--   build time. A price still in force is in force at the end of this period.
select covered_from, covered_to, latest_month from coverage
