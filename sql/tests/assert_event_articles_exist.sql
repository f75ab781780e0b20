-- Every event and every figure comes from an article that is in the articles table.
-- (A left join, not `not exists`: the lookup side is only the articles the rows under test name, so a night
-- reads one column of the articles table instead of hashing all of it.)
select 'event' as row_kind, events.event_id_cnty as row_id, events.article_id
from {{ changed('events') }} as events
left join {{ matching('articles', 'events', 'article_id') }} as articles
    on articles.article_id = events.article_id
where articles.article_id is null
union all
select 'figure' as row_kind, figures.figure_id as row_id, figures.article_id
from {{ changed('figures') }} as figures
left join {{ matching('articles', 'figures', 'article_id') }} as articles
    on articles.article_id = figures.article_id
where articles.article_id is null
