/** One rounding rule for every rect on the privacy path: a sensitive rect is always fully covered. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coverBoxes, intersect, toImagePixels } from '../../lib/geometry';

const RATIOS = [1, 1.25, 1.5, 2, 3];

describe('geometry', () => {
  it('intersects and maps CSS px to whole device pixels, rounding outwards and clipping', () => {
    expect(
      intersect({ x: 0, y: 0, width: 10, height: 10 }, { x: 5, y: 5, width: 10, height: 10 }),
    ).toEqual({ x: 5, y: 5, width: 5, height: 5 });
    expect(
      intersect({ x: 0, y: 0, width: 5, height: 5 }, { x: 5, y: 0, width: 5, height: 5 }),
    ).toBe(null);
    expect(
      toImagePixels(
        { x: 10.4, y: 20.6, width: 100.2, height: 50 },
        { scale: 1.5, image: { width: 1000, height: 1000 } },
      ),
    ).toEqual({ x: 15, y: 30, width: 151, height: 76 });
    // Float noise is not a pixel: 0.1 × 3 × 10 is 3.0000000000000004.
    expect(
      toImagePixels(
        { x: 0.1 * 3, y: 0, width: 0.7, height: 1 },
        { scale: 10, image: { width: 100, height: 100 } },
      ),
    ).toEqual({ x: 3, y: 0, width: 7, height: 10 });
  });

  it('grows to whole JPEG blocks and clips to the image', () => {
    expect(
      toImagePixels(
        { x: 990, y: 80, width: 10, height: 10 },
        { image: { width: 1000, height: 700 }, block: 16 },
      ),
    ).toEqual({ x: 976, y: 80, width: 24, height: 16 });
    expect(
      toImagePixels(
        { x: 2000, y: 0, width: 5, height: 5 },
        { image: { width: 1000, height: 700 } },
      ),
    ).toBe(null);
    expect(
      toImagePixels({ x: 0, y: 0, width: NaN, height: 5 }, { image: { width: 10, height: 10 } }),
    ).toBe(null);
  });

  it('places sensitive fields relative to the shown region, scaled, and drops the others', () => {
    const shown = { x: 100, y: 1500, width: 360, height: 220 };
    const boxes = coverBoxes(
      [
        { x: 120, y: 1600, width: 100, height: 30 }, // inside
        { x: 400, y: 1700, width: 200, height: 60 }, // overlaps the bottom-right corner
        { x: 0, y: 0, width: 50, height: 20 }, // elsewhere on the page
      ],
      shown,
      2,
      { width: 720, height: 440 },
    );
    expect(boxes).toEqual([
      { x: 40, y: 200, width: 200, height: 60 },
      { x: 600, y: 400, width: 120, height: 40 },
    ]);
  });

  it('covers every sensitive rect completely, at every device pixel ratio (property)', () => {
    const coord = fc.double({ min: -500, max: 3000, noNaN: true, noDefaultInfinity: true });
    const extent = fc.double({ min: 0.01, max: 1500, noNaN: true, noDefaultInfinity: true });
    fc.assert(
      fc.property(
        fc.record({ x: coord, y: coord, width: extent, height: extent }),
        fc.record({
          x: fc.double({ min: 0, max: 2000, noNaN: true }),
          y: fc.double({ min: 0, max: 5000, noNaN: true }),
        }),
        fc.constantFrom(...RATIOS),
        fc.constantFrom(1, 16),
        fc.record({
          width: fc.integer({ min: 1, max: 4000 }),
          height: fc.integer({ min: 1, max: 4000 }),
        }),
        (rect, origin, scale, block, image) => {
          const box = toImagePixels(rect, { origin, scale, image, block });
          // The exact area of the rect on the image, in (real-valued) image pixels.
          const left = Math.max(0, (rect.x - origin.x) * scale);
          const top = Math.max(0, (rect.y - origin.y) * scale);
          const right = Math.min(image.width, (rect.x - origin.x + rect.width) * scale);
          const bottom = Math.min(image.height, (rect.y - origin.y + rect.height) * scale);
          const visible = right - left > 1e-6 && bottom - top > 1e-6;
          if (!visible) return box === null || (box.width >= 0 && box.height >= 0);
          expect(box).not.toBeNull();
          const eps = 1e-6 * Math.max(1, scale);
          expect(box!.x).toBeLessThanOrEqual(left + eps);
          expect(box!.y).toBeLessThanOrEqual(top + eps);
          expect(box!.x + box!.width).toBeGreaterThanOrEqual(right - eps);
          expect(box!.y + box!.height).toBeGreaterThanOrEqual(bottom - eps);
          // Whole pixels inside the image, and no more than a block (plus a pixel) beyond the rect.
          for (const v of [box!.x, box!.y, box!.width, box!.height])
            expect(Number.isInteger(v)).toBe(true);
          expect(box!.x).toBeGreaterThanOrEqual(0);
          expect(box!.x + box!.width).toBeLessThanOrEqual(image.width);
          expect(box!.width).toBeLessThanOrEqual(right - left + 2 * block + 1);
          return true;
        },
      ),
      { numRuns: 2000 },
    );
  });
});
