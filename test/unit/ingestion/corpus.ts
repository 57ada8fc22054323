// Kept for the ingestion unit tests' imports; the corpus location is decided in test/support/corpus.ts.
export { corpusIndex, corpusFile, corpusHas, CORPUS_COMPLETE, CORPUS_DIR, type CorpusEntry } from '../../support/corpus.js';
