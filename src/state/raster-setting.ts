// Where the 16-bit stretch is kept (per project), apart from state/raster so the detection store can read it
// without importing the raster store's dependencies.
export const STRETCH_SETTING = 'rasterStretch';
