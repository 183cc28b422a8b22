-- Review texts with their labels for sentiment models (reviews without text are left out).
SELECT
    v.review_id,
    v.movie_id,
    v.review_date,
    v.review_text,
    v.rating,
    v.sentiment,
    v.sentiment_score
FROM {{ ref('silver.reviews') }} v
WHERE v.review_text IS NOT NULL
