export { BUNDLE_FORMAT, BUNDLE_VERSION, BundleError, type BundleManifest, type ManifestFile, PATHS, type ProjectContents } from './bundle';
export { readBundle } from './read';
export { type BundleMeta, BundleWriter, buildManifest, jsonFiles, writeBundle } from './write';
