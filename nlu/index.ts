/** nlu: text -> vectors and structure. Knows nothing of products or Bot Framework. */
export { EncoderError, type Encoder } from './encoder.js';
export { OnnxEncoder, defaultOnnxEncoderOptions, type OnnxEncoderOptions, type EncoderVariant, type EncoderDevice } from './backend/onnx.js';
export { CoalescingEncoder, type CoalescingEncoderOptions } from './coalescing-encoder.js';
export { embedMany, type EmbedManyOptions } from './embed-many.js';
export { cosine, dot, l2Normalize, meanPool } from './pooling.js';
export { understand, QUERY_TASKS } from './query/understand.js';
export { singularize, tokenizeWords } from './query/category.js';
export type { QueryFilters, QueryTask, QueryUnderstanding, ShopVocabulary } from './query/types.js';
export { WorkerEncoder } from './worker-encoder.js';
export { faqMetrics, percentile, type FaqMetrics, type QueryOutcome } from './metrics.js';
