// Content naming lives in lib/content-named-api-object.ts (shared with the probe Job); the
// experiments API keeps re-exporting its helpers from here.
export { canonicalJson, contentName, SPEC_HASH_LENGTH, specHash } from '../content-named-api-object';
