// The page registry, in navigation order; the drill-down pages (title, segment) come last and are
// reached from other pages' rows and bars, not from the navigation.
import type { PageSpec } from '../views.js';
import { overviewPage } from './overview.js';
import { engagementPage } from './engagement.js';
import { contentPage } from './content.js';
import { recommendationsPage } from './recommendations.js';
import { searchPage } from './search.js';
import { reviewsPage } from './reviews.js';
import { businessPage } from './business.js';
import { dataQualityPage } from './data-quality.js';
import { lineagePage } from './lineage.js';
import { mlPage } from './ml.js';
import { titlePage } from './title.js';
import { segmentPage } from './segment.js';

export const PAGES: readonly PageSpec[] = [
  overviewPage,
  engagementPage,
  contentPage,
  recommendationsPage,
  searchPage,
  reviewsPage,
  businessPage,
  dataQualityPage,
  lineagePage,
  mlPage,
  titlePage,
  segmentPage,
];
