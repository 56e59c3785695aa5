/**
 * Does a DOM render of an element look like the page? Compares it with a native capture of the
 * same element (a crop of captureVisibleTab) pixel by pixel. Pure: plain RGBA arrays in, numbers
 * out, so it runs in Node tests, the side panel and the e2e tests alike.
 *
 * Two renders of the same pixels never agree exactly: text is antialiased differently by the DOM
 * renderer's canvas than by the compositor, CSS gradients between oklch() colours interpolate in
 * Oklab natively but in sRGB on a canvas, and an element at a fractional position lands on the
 * pixel grid one way or the other. So the rule looks at three things, each with room for that:
 * the size, the mean difference over the whole element, and the mean difference of the worst
 * tile (a wrong font, a missing button or a shifted word changes one area a lot and the whole
 * element only a little).
 */

/** An image as decoded by ImageData: `data` holds width × height RGBA quadruplets. */
export interface RgbaImage {
  width: number;
  height: number;
  data: ArrayLike<number>;
}

export interface FidelityOptions {
  /** Image pixels per CSS px (the device pixel ratio the images were taken at). Default 1. */
  scale?: number;
  /** Side of the tiles whose differences are compared, in CSS px. Default 24. */
  tileCss?: number;
  /**
   * Largest shift tried between the two images to line them up, in CSS px (an element at a
   * fractional position is rounded onto the pixel grid differently by the two). Default 1.
   */
  maxShiftCss?: number;
  /**
   * Boxes of the crop (its pixels) left out of the comparison: what the screen shows only for now,
   * such as a focus ring or a text caret, which a render never draws.
   */
  ignore?: readonly { x: number; y: number; width: number; height: number }[];
}

export interface Fidelity {
  render: { width: number; height: number };
  crop: { width: number; height: number };
  /** The render's pixel (x + offset.x, y + offset.y) was compared with the crop's (x, y). */
  offset: { x: number; y: number };
  /** Size of the compared area (the overlap of the two images at that offset), in pixels. */
  compared: { width: number; height: number };
  /** Largest difference of width or height, in CSS px. */
  sizeDifferenceCss: number;
  /** Mean absolute difference per colour channel (0–255) over the compared area. */
  meanDifference: number;
  /** The same for the worst tile. */
  maxTileDifference: number;
  /** Where the worst tile is, in crop pixels. */
  worstTile: { x: number; y: number; width: number; height: number };
  /** Share (0–1) of pixels whose mean channel difference is over 64: clearly different pixels. */
  changedShare: number;
}

export interface FidelityTolerance {
  /** Largest width or height difference, in CSS px (rounding of fractional boxes). */
  sizeCss: number;
  /** Largest mean difference over the whole element (0–255 per channel). */
  mean: number;
  /** Largest mean difference of one tile (0–255 per channel). */
  tile: number;
}

/**
 * The rule the extension applies, measured on the styled-* and oklch lab pages at DPR 1 and 2
 * (test/bench/element.spec.ts prints the table). Good renders: mean ≤ 3.3, worst 24-px tile ≤ 12
 * once each tile is lined up on its own (≤ 24.3 without: html2canvas-pro sets a superscript "€"
 * a pixel off; a form's labels reached 32.6), the focused field's ring left out (36.8 with it).
 * Bad ones: unstyled (the clone read before its stylesheets loaded) come out another size or with
 * a mean of 28–88, or a worst tile of 46–51 where a button lost its style; text laid out in a
 * fallback font (web font not loaded) had a worst tile of 40–65 (measured before tiles were lined
 * up on their own; the price card's lost button and font now give 51) while its mean is 2.3–17.5;
 * a gradient html2canvas-pro cannot draw (`in oklch longer hue`) has a mean of 75. The limits sit
 * in the gaps, nearer the good side's worst than the bad side's best.
 */
export const FIDELITY_TOLERANCE: FidelityTolerance = { sizeCss: 1, mean: 8, tile: 32 };

/** Why a render does not match its native crop, or null when it does. */
export type Mismatch = 'size' | 'colours' | 'detail';

const CHANGED = 64;

/** The colour channels of pixel `i` composited over white (a render may leave corners clear). */
function channel(data: ArrayLike<number>, i: number, c: number): number {
  const alpha = data[i + 3]!;
  const value = data[i + c]!;
  return alpha === 255 ? value : 255 - ((255 - value) * alpha) / 255;
}

/** Mean channel difference between render pixel (x + dx, y + dy) and crop pixel (x, y). */
function pixelDifference(
  render: RgbaImage,
  crop: RgbaImage,
  x: number,
  y: number,
  dx: number,
  dy: number,
): number {
  const i = ((y + dy) * render.width + (x + dx)) * 4;
  const j = (y * crop.width + x) * 4;
  return (
    (Math.abs(channel(render.data, i, 0) - channel(crop.data, j, 0)) +
      Math.abs(channel(render.data, i, 1) - channel(crop.data, j, 1)) +
      Math.abs(channel(render.data, i, 2) - channel(crop.data, j, 2))) /
    3
  );
}

/** The crop-pixel range compared at a shift: where both images have pixels. */
function overlap(render: RgbaImage, crop: RgbaImage, dx: number, dy: number) {
  return {
    left: Math.max(0, -dx),
    top: Math.max(0, -dy),
    right: Math.min(crop.width, render.width - dx),
    bottom: Math.min(crop.height, render.height - dy),
  };
}

/** Mean difference at a shift over every `stride`-th pixel in each direction (to line up fast). */
function sampledMean(
  render: RgbaImage,
  crop: RgbaImage,
  dx: number,
  dy: number,
  stride: number,
  skip: Uint8Array | null,
): number {
  const area = overlap(render, crop, dx, dy);
  let sum = 0;
  let count = 0;
  for (let y = area.top; y < area.bottom; y += stride) {
    for (let x = area.left; x < area.right; x += stride) {
      if (skip && skip[y * crop.width + x]) continue;
      sum += pixelDifference(render, crop, x, y, dx, dy);
      count++;
    }
  }
  return count === 0 ? Infinity : sum / count;
}

/** Tile edges along one side: tiles of `size`, the last one taking the remainder (< 2 × size). */
function tileEdges(start: number, end: number, size: number): number[] {
  const edges = [start];
  const count = Math.max(1, Math.floor((end - start) / size));
  for (let k = 1; k < count; k++) edges.push(start + k * size);
  edges.push(end);
  return edges;
}

function checkImage(name: string, image: RgbaImage): void {
  if (
    !Number.isInteger(image.width) ||
    !Number.isInteger(image.height) ||
    image.width < 0 ||
    image.height < 0 ||
    image.data.length !== image.width * image.height * 4
  ) {
    throw new RangeError(`${name}: ${image.width}×${image.height} does not fit its data`);
  }
}

/** Tiles whose difference is over this are lined up again on their own before they count. */
const REALIGN_ABOVE = 12;

/**
 * The least mean difference of one tile over the local shifts around the element's (dx, dy), up
 * to `maxShift` either way: a word rounded onto the pixel grid a pixel off is not a defect, a
 * missing style or another font still is (no shift makes their pixels agree).
 */
function realignedTileMean(
  render: RgbaImage,
  crop: RgbaImage,
  tile: { x: number; y: number; width: number; height: number },
  dx: number,
  dy: number,
  maxShift: number,
  skip: Uint8Array | null,
): number {
  let best = Infinity;
  for (let ly = -maxShift; ly <= maxShift; ly++) {
    for (let lx = -maxShift; lx <= maxShift; lx++) {
      if (lx === 0 && ly === 0) continue;
      const sx = dx + lx;
      const sy = dy + ly;
      const left = Math.max(tile.x, -sx);
      const right = Math.min(tile.x + tile.width, render.width - sx);
      const top = Math.max(tile.y, -sy);
      const bottom = Math.min(tile.y + tile.height, render.height - sy);
      let sum = 0;
      let count = 0;
      for (let y = top; y < bottom; y++) {
        for (let x = left; x < right; x++) {
          if (skip && skip[y * crop.width + x]) continue;
          sum += pixelDifference(render, crop, x, y, sx, sy);
          count++;
        }
      }
      if (count * 4 >= tile.width * tile.height) best = Math.min(best, sum / count);
    }
  }
  return best;
}

/** A mask of the crop's pixels to leave out (1), or null when nothing is left out. */
function skipMask(crop: RgbaImage, ignore: FidelityOptions['ignore']): Uint8Array | null {
  if (!ignore || ignore.length === 0) return null;
  const mask = new Uint8Array(crop.width * crop.height);
  for (const box of ignore) {
    const left = Math.max(0, Math.floor(box.x));
    const top = Math.max(0, Math.floor(box.y));
    const right = Math.min(crop.width, Math.ceil(box.x + box.width));
    const bottom = Math.min(crop.height, Math.ceil(box.y + box.height));
    for (let y = top; y < bottom; y++) mask.fill(1, y * crop.width + left, y * crop.width + right);
  }
  return mask;
}

/**
 * Compares a DOM render of an element with a native crop of the same element, both at `scale`
 * pixels per CSS px. Lines them up first (the shift, up to maxShiftCss, with the least
 * difference), then measures over the overlap.
 */
export function compareImages(
  render: RgbaImage,
  crop: RgbaImage,
  options: FidelityOptions = {},
): Fidelity {
  checkImage('render', render);
  checkImage('crop', crop);
  const scale = options.scale && options.scale > 0 ? options.scale : 1;
  const tile = Math.max(1, Math.round((options.tileCss ?? 24) * scale));
  const maxShift = Math.max(0, Math.round((options.maxShiftCss ?? 1) * scale));
  const sizeDifferenceCss =
    Math.max(Math.abs(render.width - crop.width), Math.abs(render.height - crop.height)) / scale;

  const skip = skipMask(crop, options.ignore);

  // Line up: the shift with the least difference on a sample, ties to the smallest shift.
  const stride = Math.max(1, Math.floor(Math.sqrt((crop.width * crop.height) / 40_000)));
  let best = { dx: 0, dy: 0, mean: sampledMean(render, crop, 0, 0, stride, skip) };
  for (let dy = -maxShift; dy <= maxShift; dy++) {
    for (let dx = -maxShift; dx <= maxShift; dx++) {
      if (dx === 0 && dy === 0) continue;
      const mean = sampledMean(render, crop, dx, dy, stride, skip);
      if (mean < best.mean - 1e-9) best = { dx, dy, mean };
    }
  }
  const { dx, dy } = best;
  const area = overlap(render, crop, dx, dy);
  const width = Math.max(0, area.right - area.left);
  const height = Math.max(0, area.bottom - area.top);
  const result: Fidelity = {
    render: { width: render.width, height: render.height },
    crop: { width: crop.width, height: crop.height },
    offset: { x: dx, y: dy },
    compared: { width, height },
    sizeDifferenceCss,
    meanDifference: 255,
    maxTileDifference: 255,
    worstTile: { x: 0, y: 0, width: crop.width, height: crop.height },
    changedShare: 1,
  };
  if (width === 0 || height === 0) return result;

  const columns = tileEdges(area.left, area.right, tile);
  const rows = tileEdges(area.top, area.bottom, tile);
  const sums = new Float64Array((columns.length - 1) * (rows.length - 1));
  const counts = new Float64Array(sums.length);
  let total = 0;
  let counted = 0;
  let changed = 0;
  for (let row = 0; row < rows.length - 1; row++) {
    for (let y = rows[row]!; y < rows[row + 1]!; y++) {
      for (let column = 0; column < columns.length - 1; column++) {
        let sum = 0;
        let count = 0;
        for (let x = columns[column]!; x < columns[column + 1]!; x++) {
          if (skip && skip[y * crop.width + x]) continue;
          const difference = pixelDifference(render, crop, x, y, dx, dy);
          sum += difference;
          count++;
          if (difference > CHANGED) changed++;
        }
        sums[row * (columns.length - 1) + column]! += sum;
        counts[row * (columns.length - 1) + column]! += count;
        total += sum;
        counted += count;
      }
    }
  }
  if (counted === 0) return result;
  let worst = 0;
  for (let row = 0; row < rows.length - 1; row++) {
    for (let column = 0; column < columns.length - 1; column++) {
      const x = columns[column]!;
      const y = rows[row]!;
      const w = columns[column + 1]! - x;
      const h = rows[row + 1]! - y;
      const count = counts[row * (columns.length - 1) + column]!;
      // A tile mostly left out says little: its sliver is judged by the whole-element mean.
      if (count * 4 < w * h) continue;
      let mean = sums[row * (columns.length - 1) + column]! / count;
      if (mean > REALIGN_ABOVE) {
        // Each line of text is put on the pixel grid on its own: let the tile line up by itself.
        const box = { x, y, width: w, height: h };
        mean = Math.min(mean, realignedTileMean(render, crop, box, dx, dy, maxShift, skip));
      }
      if (mean > worst) {
        worst = mean;
        result.worstTile = { x, y, width: w, height: h };
      }
    }
  }
  result.meanDifference = total / counted;
  result.maxTileDifference = worst;
  result.changedShare = changed / counted;
  return result;
}

/** Why `fidelity` is outside `tolerance` (the first of size, colours, detail), or null. */
export function mismatch(
  fidelity: Fidelity,
  tolerance: FidelityTolerance = FIDELITY_TOLERANCE,
): Mismatch | null {
  if (fidelity.sizeDifferenceCss > tolerance.sizeCss + 1e-9) return 'size';
  if (!(fidelity.meanDifference <= tolerance.mean)) return 'colours';
  if (!(fidelity.maxTileDifference <= tolerance.tile)) return 'detail';
  return null;
}

/** Whether a DOM render looks like the native crop of the same element (see FIDELITY_TOLERANCE). */
export function matches(
  render: RgbaImage,
  crop: RgbaImage,
  tolerance: FidelityTolerance = FIDELITY_TOLERANCE,
  options: FidelityOptions = {},
): boolean {
  return mismatch(compareImages(render, crop, options), tolerance) === null;
}
