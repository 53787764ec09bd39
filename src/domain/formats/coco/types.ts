/** The parts of the COCO object-detection format (cocodataset.org/#format-data) the workbench writes. */

export interface CocoImage {
  id: number;
  file_name: string;
  width: number;
  height: number;
  /** Image-level tags (CVAT-style attributes; pycocotools ignores members it does not know). */
  attributes?: { tags?: string[] };
}

export interface CocoAnnotation {
  id: number;
  image_id: number;
  category_id: number;
  /** [x, y, width, height] in image pixels, top-left origin. */
  bbox: [number, number, number, number];
  area: number;
  /** Present on model results (COCO "results" format); absent on ground truth. */
  score?: number;
  iscrowd: 0 | 1;
  /** The workbench's review status and provenance, CVAT-style; other tools ignore it. */
  attributes?: { status?: string; source?: string };
}

export interface CocoCategory {
  id: number;
  name: string;
}

export interface CocoDataset<I extends CocoImage = CocoImage> {
  images: I[];
  annotations: CocoAnnotation[];
  categories: CocoCategory[];
}
