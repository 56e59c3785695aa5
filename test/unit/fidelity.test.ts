import { describe, expect, it } from 'vitest';
import {
  compareImages,
  FIDELITY_TOLERANCE,
  matches,
  mismatch,
  type RgbaImage,
} from '../../lib/capture/fidelity';

type Colour = [number, number, number, number?];

/** A synthetic image: `paint(x, y)` gives each pixel's RGB(A). */
function image(width: number, height: number, paint: (x: number, y: number) => Colour): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r, g, b, a = 255] = paint(x, y);
      data.set([r, g, b, a], (y * width + x) * 4);
    }
  }
  return { width, height, data };
}

/**
 * A 200×120 "card": a dark 1-px border, a pink button and text-like stripes on a pale background;
 * `shift` columns of page background to its left (an element rounded onto the pixel grid
 * differently), and `width` wider than that when the card came out wider.
 */
const card = (width = 200, height = 120, shift = 0) =>
  image(width + shift, height, (x, y) => {
    const X = x - shift;
    if (X < 0) return [248, 248, 252];
    if (X === 0 || y === 0 || X === width - 1 || y === height - 1) return [40, 40, 60];
    if (y >= 80 && y < 104 && X >= 20 && X < 180) return [230, 50, 140];
    if (y >= 20 && y < 30 && X >= 20 && X < 150 && X % 7 < 4) return [30, 30, 30];
    return [248, 248, 252];
  });

/** A pseudo-random but repeatable jitter of ±`amount` per channel (antialiasing differences). */
const jitter = (source: RgbaImage, amount: number) => {
  const data = new Uint8ClampedArray(source.data.length);
  for (let i = 0; i < data.length; i++) {
    const noise = i % 4 === 3 ? 0 : (((i * 2654435761) >>> 0) % (2 * amount + 1)) - amount;
    data[i] = source.data[i]! + noise;
  }
  return { ...source, data };
};

describe('compareImages', () => {
  it('finds no difference between identical images', () => {
    const f = compareImages(card(), card());
    expect(f).toMatchObject({
      offset: { x: 0, y: 0 },
      compared: { width: 200, height: 120 },
      sizeDifferenceCss: 0,
      meanDifference: 0,
      maxTileDifference: 0,
      changedShare: 0,
    });
    expect(mismatch(f)).toBeNull();
    expect(matches(card(), card())).toBe(true);
  });

  it('measures the mean channel difference of a small jitter and lets it pass', () => {
    const f = compareImages(jitter(card(), 4), card());
    expect(f.meanDifference).toBeGreaterThan(1);
    expect(f.meanDifference).toBeLessThan(3);
    expect(f.maxTileDifference).toBeLessThan(4);
    expect(f.changedShare).toBe(0);
    expect(mismatch(f)).toBeNull();
  });

  it('lines up an element rounded onto the pixel grid one pixel off', () => {
    const f = compareImages(card(200, 120, 1), card());
    expect(f.offset).toEqual({ x: 1, y: 0 });
    expect(f.meanDifference).toBe(0);
    expect(f.sizeDifferenceCss).toBe(1);
    expect(mismatch(f)).toBeNull();
  });

  it('tries shifts in CSS px: two image pixels at scale 2, none beyond maxShiftCss', () => {
    const at2x = compareImages(card(200, 120, 2), card(), { scale: 2 });
    expect(at2x.offset).toEqual({ x: 2, y: 0 });
    expect(at2x.meanDifference).toBe(0);
    expect(at2x.sizeDifferenceCss).toBe(1);
    const unaligned = compareImages(card(200, 120, 2), card(), { maxShiftCss: 0 });
    expect(unaligned.offset).toEqual({ x: 0, y: 0 });
    expect(unaligned.meanDifference).toBeGreaterThan(0);
  });

  it('calls an image of another size a size mismatch', () => {
    // An unstyled render: the card came out at its natural full width.
    const wide = compareImages(card(260, 120), card());
    expect(wide.sizeDifferenceCss).toBe(60);
    expect(mismatch(wide)).toBe('size');
    // The same 4-px difference is 2 CSS px at scale 2: still too much.
    expect(compareImages(card(204, 120), card(), { scale: 2 }).sizeDifferenceCss).toBe(2);
    expect(matches(card(204, 120), card(), FIDELITY_TOLERANCE, { scale: 2 })).toBe(false);
  });

  it('calls a different colour all over a colour mismatch', () => {
    const grey = image(200, 120, () => [200, 200, 200]);
    const f = compareImages(grey, card());
    expect(f.meanDifference).toBeGreaterThan(FIDELITY_TOLERANCE.mean);
    expect(mismatch(f)).toBe('colours');
  });

  it('says where a render differs most: a pink button drawn as a grey default one', () => {
    const reference = card();
    const render = { ...reference, data: new Uint8ClampedArray(reference.data) };
    for (let y = 80; y < 104; y++) {
      for (let x = 20; x < 180; x++) render.data.set([221, 221, 221, 255], (y * 200 + x) * 4);
    }
    const f = compareImages(render, reference, { tileCss: 24 });
    expect(f.maxTileDifference).toBeGreaterThan(FIDELITY_TOLERANCE.tile);
    expect(f.worstTile).toMatchObject({ y: 72, height: 24 }); // 16 of the button's 24 rows
    expect(f.changedShare).toBeCloseTo((160 * 24) / (200 * 120), 6);
    expect(mismatch(f)).toBe('colours');
  });

  it('gives a localised defect away by its tile when the mean is within the tolerance', () => {
    const base = image(400, 400, () => [250, 250, 250]);
    // One 24×24 area (a word in the wrong place) differs completely: 0.36 % of the pixels.
    const render = image(400, 400, (x, y) =>
      x >= 48 && x < 72 && y >= 96 && y < 120 ? [20, 20, 20] : [250, 250, 250],
    );
    const f = compareImages(render, base);
    expect(f.meanDifference).toBeLessThan(FIDELITY_TOLERANCE.mean);
    // Lined up again on its own (a pixel either way), the tile still differs almost wholly.
    expect(f.maxTileDifference).toBeGreaterThan(200);
    expect(f.worstTile).toEqual({ x: 48, y: 96, width: 24, height: 24 });
    expect(f.changedShare).toBeCloseTo(576 / 160_000, 6);
    expect(mismatch(f)).toBe('detail');
  });

  it('sizes tiles in CSS px and lets the last tile of a row take the remainder', () => {
    const base = image(100, 50, () => [255, 255, 255]);
    const render = image(100, 50, (x) => (x >= 96 ? [0, 0, 0] : [255, 255, 255]));
    // Tiles of 24 px: columns 0, 24, 48, 72–100 (28 wide); rows 0, 24–50 (26 high).
    const f = compareImages(render, base, { tileCss: 24, maxShiftCss: 0 });
    expect(f.worstTile).toEqual({ x: 72, y: 0, width: 28, height: 24 });
    expect(f.maxTileDifference).toBeCloseTo((255 * 4) / 28, 6);
    // At scale 2 the same tiles are 48 image px: 0, 48–100.
    const at2x = compareImages(render, base, { scale: 2, tileCss: 24, maxShiftCss: 0 });
    expect(at2x.worstTile).toEqual({ x: 48, y: 0, width: 52, height: 50 });
  });

  it('sees clear pixels over white (a render may leave rounded corners transparent)', () => {
    const clear = image(50, 50, () => [0, 0, 0, 0]);
    const white = image(50, 50, () => [255, 255, 255]);
    expect(compareImages(clear, white).meanDifference).toBe(0);
    const half = image(50, 50, () => [0, 0, 0, 128]);
    expect(compareImages(half, white).meanDifference).toBeCloseTo(128, 0);
  });

  it('reports the worst possible values when the images do not overlap', () => {
    const f = compareImages(
      image(0, 0, () => [0, 0, 0]),
      card(),
    );
    expect(f.compared).toEqual({ width: 0, height: 0 });
    expect(f.meanDifference).toBe(255);
    expect(mismatch(f)).toBe('size');
  });

  it('refuses data that does not fit the size given', () => {
    expect(() =>
      compareImages({ width: 10, height: 10, data: new Uint8ClampedArray(10) }, card()),
    ).toThrow(RangeError);
  });

  it('compares a 2560×1600 screen-sized image (its time is in the element benchmark)', () => {
    const big = image(2560, 1600, (x, y) => [(x * 7) % 256, (y * 3) % 256, 128]);
    const f = compareImages(jitter(big, 2), big, { scale: 2 });
    expect(mismatch(f)).toBeNull();
    expect(f.compared).toEqual({ width: 2560, height: 1600 });
  });

  it('lets each tile line up on its own: a word rounded a pixel off is not a defect', () => {
    // Two "words" (dark bars); the render puts the second one a pixel lower than the screen.
    const word = (lowered: number) =>
      image(240, 96, (x, y) =>
        (x >= 10 && x < 70 && y >= 10 && y < 20) ||
        (x >= 130 && x < 190 && y >= 50 + lowered && y < 66 + lowered)
          ? [0, 0, 0]
          : [255, 255, 255],
      );
    const f = compareImages(word(1), word(0));
    expect(f.offset).toEqual({ x: 0, y: 0 });
    expect(f.meanDifference).toBeGreaterThan(0);
    expect(f.maxTileDifference).toBe(0);
    expect(mismatch(f)).toBeNull();
    // Two pixels off is beyond maxShiftCss (1): the tile gives it away.
    expect(mismatch(compareImages(word(3), word(0)))).toBe('detail');
  });

  it('leaves the ignored boxes out of the mean and the tiles, and only those', () => {
    const plain = image(240, 120, () => [255, 255, 255]);
    const ring = { x: 20, y: 20, width: 100, height: 40 };
    const focused = image(240, 120, (x, y) =>
      x >= ring.x && x < ring.x + ring.width && y >= ring.y && y < ring.y + ring.height
        ? [0, 95, 204]
        : [255, 255, 255],
    );
    expect(mismatch(compareImages(plain, focused))).not.toBeNull();
    const left = compareImages(plain, focused, { ignore: [ring] });
    expect(left).toMatchObject({ meanDifference: 0, maxTileDifference: 0, changedShare: 0 });
    // Half the ring left in still counts.
    const half = compareImages(plain, focused, { ignore: [{ ...ring, width: 50 }] });
    expect(mismatch(half)).not.toBeNull();
    expect(half.meanDifference).toBeGreaterThan(0);
  });
});

describe('mismatch', () => {
  const base = compareImages(card(), card());
  it('applies the tolerance in the order size, colours, detail', () => {
    expect(mismatch({ ...base, sizeDifferenceCss: 2, meanDifference: 99 })).toBe('size');
    expect(mismatch({ ...base, meanDifference: 9, maxTileDifference: 99 })).toBe('colours');
    expect(mismatch({ ...base, maxTileDifference: 33 })).toBe('detail');
    expect(
      mismatch(
        { ...base, sizeDifferenceCss: 1, meanDifference: 8, maxTileDifference: 32 },
        FIDELITY_TOLERANCE,
      ),
    ).toBeNull();
  });

  it('takes a tolerance of its own', () => {
    expect(mismatch({ ...base, meanDifference: 3 }, { sizeCss: 0, mean: 2, tile: 10 })).toBe(
      'colours',
    );
  });
});
