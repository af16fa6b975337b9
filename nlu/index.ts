/** nlu: text -> vectors and structure. Knows nothing of products or Bot Framework. */
export { EncoderError, type Encoder } from './encoder.js';
export { OnnxEncoder, defaultOnnxEncoderOptions, type OnnxEncoderOptions, type EncoderVariant, type EncoderDevice } from './backend/onnx.js';
export { CoalescingEncoder, type CoalescingEncoderOptions } from './coalescing-encoder.js';
export { embedMany, type EmbedManyOptions } from './embed-many.js';
export { cosine, dot, l2Normalize, meanPool } from './pooling.js';
export { namesShopKind, understand, unreadWords, QUERY_TASKS } from './query/understand.js';
export { PRODUCT_SYNONYMS, readSlangInContext, shopSynonyms } from './query/category.js';
export { singularize, tokenizeWords } from './text/words.js';
export { CONTAINERS, kindName, nameTypedAlone, requestedThing, type RequestedThing } from './query/requested-thing.js';
export { englishLexicon, type Lexicon } from './text/lexicon.js';
export { shopWords, type ShopWords } from './query/shop-words.js';
export { brandSpans } from './query/brand.js';
export { queryWords } from './text/words.js';
export type { AttributeKind, QueryFilters, QueryTask, QueryUnderstanding, ShopVocabulary, SortOrder } from './query/types.js';
export { WorkerEncoder } from './worker-encoder.js';
export { faqMetrics, percentile, productMetrics, thresholdSweep, type FaqMetrics, type ProductMetrics, type ProductQueryOutcome, type QueryOutcome } from './metrics.js';
export { escapeRegExp, normalizeText } from './text/normalize.js';
export { lexicalTokens, stem } from './text/words.js';
export { faqQueryText } from './text/support-idioms.js';
export {
  answerConfidence,
  GAP_WEIGHT_GRID,
  chooseAnswerThreshold,
  chooseClarifyMargin,
  chooseFusionWeights,
  DEFAULT_ANSWER_WEIGHT,
  SHOPPER_FUSION_GRID,
  DEFAULT_FUSION_GRID,
  HEAD_GRID,
  fuse,
  fusedScore,
  topTwo,
  type EntryScores,
  type FusionWeights,
  type LabelledSample,
  type ScoreComponents,
  type ThresholdChoice,
  answerValuesProblem,
  DEFAULT_ANSWER_VALUES,
  type AnswerValues,
} from './calibration.js';
export { IntentHead, trainIntentHead, type IntentHeadOptions } from './intent-head.js';
export { loadBackgroundSentences, DEFAULT_BACKGROUND_FILE } from './background.js';
export { readTrainedTexts, TrainedTexts, trainedTextKey, TRAINED_TEXTS_FILE } from './trained-texts.js';
export { encoderDirProblem, modelIsComplete, readModelManifest, REQUIRED_MODEL_FILES, verifiedModelFiles, type ModelManifest } from './model-dir.js';
export { ArtefactError, readJsonFile, sha256File, sha256Text, verifyFile } from './checksum.js';
export { OnnxCrossEncoder, type CrossEncoderOptions } from './backend/onnx-cross-encoder.js';
export { SpellingCorrector, englishSpelling, type SpellingCorrection, type SpellingResult } from './text/spelling.js';
export { aboutAnOrder, asksAboutAnotherShop, asksForAJob, asksHowOrWhy, isQuestion, questionParts } from './text/question-parts.js';
export { smallTalk, type SmallTalk } from './text/small-talk.js';
export { messageAct, MESSAGE_ACT_TASKS, type MessageAct, type MessageActTask } from './text/message-act.js';
export { GIFT_WORDS, giftInterests } from './query/gift.js';
export { messageClauses } from './query/clauses.js';
export { SORT_WORDS } from './query/sort.js';
