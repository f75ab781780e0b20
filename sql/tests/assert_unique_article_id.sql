-- Each article is stored once.
select article_id, count(*) as rows
from stg_articles
group by article_id
having count(*) > 1
