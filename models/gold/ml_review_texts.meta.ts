import type { ModelMeta } from '../../src/pipeline/step.js';

export default {
  description: 'Review texts with rating and sentiment labels (grain: review_id; reviews with text only).',
  columns: {
    review_id: 'Review key.',
    movie_id: 'Title reviewed.',
    review_date: 'Day of the review.',
    review_text: 'Free text.',
    rating: 'Stars 1-5.',
    sentiment: 'Label from the source (a function of rating).',
    sentiment_score: 'Source score 0-1 (imputed where missing).',
  },
} satisfies ModelMeta;
