-- Every event and every figure comes from an article that is in the articles table.
select 'event' as row_kind, events.event_id_cnty as row_id, events.article_id
from {{ changed('events') }} as events
where not exists (select 1 from stg_articles as articles where articles.article_id = events.article_id)
union all
select 'figure' as row_kind, figures.figure_id as row_id, figures.article_id
from {{ changed('figures') }} as figures
where not exists (select 1 from stg_articles as articles where articles.article_id = figures.article_id)
