/** The audit bundle: one versioned zip file carrying audits with their images (see ./format.ts). */
export { BUNDLE_ERROR_CODES, BundleError, type BundleErrorCode } from './errors';
export {
  BUNDLE_FORMAT,
  BUNDLE_LIMITS,
  BUNDLE_VERSION,
  BundleIncludes,
  BundleScope,
  type BundleInfo,
  type BundleLimits,
} from './format';
export { readBundle, type ReadBundleOptions, type ReadBundleResult } from './read';
export { writeBundle, type WriteBundleOptions } from './write';
