/**
 * The rank stage of a turn, after retrieval: the click model's order for this shopper (with
 * exploration), an order the shopper asked for, and lists that show options rather than copies.
 */
export { bestScore, defaultRankerOptions, NO_SIGNALS, OnlineRanker, positionFeature, presentWithExploration, rankingFeatures, TEACHER_FEATURE, teacherGaps, type ClickTeacher, type Presented, type RankerOptions, type RankingSignals, type ScoredCandidate } from './click-model.js';
export { distinctFirst, diversify, spreadOverTypes } from './diversity.js';
export { ageFloor, inAskedOrder, inOrder, inStockFirst, youngestFirst } from './order.js';
