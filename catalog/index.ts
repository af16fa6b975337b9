/** catalog: products and FAQ — schemas, ingestion, storage, HNSW indexes, search. Takes vectors and text, not activities. */
export { parseFaqEntry, parseNeed, parseProduct, productLexicalText, productText, type FaqEntry, type Need, type Product } from './schemas.js';
export { detectFormat, parseCsvRows, readRecords, RecordFormatError, type RecordFormat } from './records.js';
export { ingestFile, ingestText, validateRecords, type IngestKind, type IngestReport, type RejectedRow } from './ingest.js';
export { CatalogStore, StoreVersionError, STORE_SCHEMA_VERSION, type AnswerReview, type LoggedImpression, type LoggedSlate, type LoggedSlateWithClicks, type PopularProduct, POPULARITY_HALF_LIFE_HOURS, type ShopperEvent, type UpsertCounts } from './store.js';
export { luhn, redactPersonalData, redactStrings, REDACTED } from './redaction.js';
export { FtrlModel, defaultFtrlParams, sigmoid, type Features, type FtrlCoordinate, type FtrlParams } from './ftrl.js';
export { VectorIndex, IndexFormatError, defaultVectorIndexOptions, type IndexManifest, type SearchHit } from './vector-index.js';
export { KnowledgeBase, PRODUCT_LEXICAL_WEIGHT, type FaqHit, type FaqQuery, type ProductFilters, type ProductHit, type ProductQuery } from './knowledge-base.js';
export { FaqMatcher } from './faq-matcher.js';
export { calibrateFaq, CALIBRATION_VERSION, type FaqCalibration } from './faq-calibration.js';
export { LexicalIndex, type LexicalHit } from './lexical-index.js';
export { productPredicate, splitAttributeValue } from './product-filter.js';
export { openKnowledgeBase, buildIndex, type IndexName, type IndexProgress } from './indexer.js';
export { buildVocabulary, categoryNameParts } from './vocabulary.js';
export { ageFloor, bestScore, distinctFirst, diversify, defaultRankerOptions, inAskedOrder, inOrder, inStockFirst, NO_SIGNALS, TEACHER_FEATURE, teacherGaps, type ClickTeacher, OnlineRanker, positionFeature, presentWithExploration, rankingFeatures, spreadOverTypes, youngestFirst, type Presented, type RankerOptions, type RankingSignals, type ScoredCandidate } from './rank/index.js';
export { deriveProductTypes, pluralize, typeKey, type ProductType, type ProductTypes } from './product-types.js';
export { QueryCategoriser, categoriserTexts, type TypeScore, type CategoryScore, type EvidenceSource } from './query-categoriser.js';
export { productSetWithPart } from './set-parts.js';
