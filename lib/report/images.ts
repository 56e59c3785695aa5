/**
 * How the report shows an image: on the report page by a URL (an object URL of the stored blob);
 * in the exported file by a reference to the one place the image is embedded, so an image shown
 * in the side-by-side table and again in the journey's sequence is in the file once.
 */
export type ImageRef = string | { use: string };

/** An image embedded once in the exported file (full size, as a data URL). */
export interface ImageDef {
  id: string;
  width: number;
  height: number;
  dataUrl: string;
}

/** The element id of an embedded image: by its content, so equal images are embedded once. */
export function imageDefId(sha256: string): string {
  return `img-${sha256}`;
}
