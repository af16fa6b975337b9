/** catalog: products and FAQ — schemas, ingestion, storage, HNSW indexes, search. Takes vectors and text, not activities. */
export { parseFaqEntry, parseProduct, productText, type FaqEntry, type Product } from './schemas.js';
export { detectFormat, parseCsvRows, readRecords, RecordFormatError, type RecordFormat } from './records.js';
export { ingestFile, ingestText, type IngestKind, type IngestReport, type RejectedRow } from './ingest.js';
export { CatalogStore, StoreVersionError, STORE_SCHEMA_VERSION, type ShopperEvent, type UpsertCounts } from './store.js';
export { VectorIndex, IndexFormatError, defaultVectorIndexOptions, type IndexManifest, type SearchHit } from './vector-index.js';
export { KnowledgeBase, type FaqHit, type ProductFilters, type ProductHit } from './knowledge-base.js';
export { openKnowledgeBase, buildIndex, type IndexName, type IndexProgress } from './indexer.js';
export { buildVocabulary } from './vocabulary.js';
export { diversify } from './rank.js';
