-- title: Organizations with a model above the original GPT-4 on the Chatbot Arena
-- description: >-
--   From the Chatbot Arena text leaderboard snapshot of 2024-12-31: every organization with an
--   entry scoring above GPT-4-0314 (the original GPT-4 of March 2023), how many such entries it
--   has, and its best score.
select
  o.name as organization,
  o.country,
  count(*) as entries_above_gpt4_0314,
  max(l.score) as best_score,
  group_concat(l.entry, ', ') as entries,
  l.organization_id
from leaderboard_scores l
join organizations o on o.id = l.organization_id
where l.leaderboard = 'chatbot-arena-text' and l.snapshot_date = '2024-12-31'
  and l.score > (
    select score from leaderboard_scores
    where leaderboard = 'chatbot-arena-text' and snapshot_date = '2024-12-31' and entry = 'GPT-4-0314'
  )
group by l.organization_id
order by best_score desc
