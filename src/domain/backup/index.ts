export { BUNDLE_FORMAT, BUNDLE_VERSION, BundleError, type BundleManifest, type ManifestFile, PATHS, type ProjectContents } from './bundle';
export { type BinaryKind, type BundleData, bundleImageFiles, readBundle, type ZipSource } from './read';
export { type BundleMeta, BundleWriter, buildManifest, jsonFiles, writeBundle } from './write';
