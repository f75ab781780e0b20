-- Each article is stored once (every row of an article id that changed is counted, changed or not).
select article_id, count(*) as rows
from stg_articles
where {{ is_changed('articles', 'article_id') }}
group by article_id
having count(*) > 1
