-- Every event and every figure comes from an article that is in the articles table.
select 'event' as row_kind, event_id_cnty as row_id, article_id
from stg_events
where article_id not in (select article_id from stg_articles)
union all
select 'figure' as row_kind, figure_id as row_id, article_id
from stg_figures
where article_id not in (select article_id from stg_articles)
