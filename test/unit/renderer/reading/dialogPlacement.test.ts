import { describe, expect, it } from 'vitest';
import { placeBeside, unionBox, type ScreenBox } from '../../../../src/renderer/reading/dialogPlacement';

const size = { width: 400, height: 500 };
const window1280 = { width: 1280, height: 800 };
const overlaps = (a: ScreenBox, at: { left: number; top: number }) =>
  a.left < at.left + size.width && at.left < a.right && a.top < at.top + size.height && at.top < a.bottom;
const inside = (at: { left: number; top: number }) =>
  at.left >= 0 && at.top >= 0 && at.left + size.width <= 1280 && at.top + size.height <= 800;

describe('placeBeside: a dialog clear of the measurement just drawn', () => {
  it('goes to the right of the drawing when there is room, level with it', () => {
    const drawing = { left: 480, top: 480, right: 640, bottom: 520 };
    const at = placeBeside(drawing, size, window1280);
    expect(at.left).toBe(656);
    expect(overlaps(drawing, at)).toBe(false);
    expect(inside(at)).toBe(true);
  });

  it('goes to the left of a drawing near the right edge, below or above a very wide one', () => {
    const right = { left: 900, top: 100, right: 1100, bottom: 150 };
    const atLeft = placeBeside(right, size, window1280);
    expect(atLeft.left + size.width).toBeLessThanOrEqual(right.left);
    expect(inside(atLeft)).toBe(true);
    const wide = { left: 100, top: 40, right: 1200, bottom: 120 };
    const below = placeBeside(wide, size, window1280);
    expect(overlaps(wide, below)).toBe(false);
    expect(inside(below)).toBe(true);
  });

  it('docks at the right edge when there is nothing to avoid, and stays inside the window always', () => {
    expect(placeBeside(null, size, window1280)).toEqual({ left: 864, top: 150 });
    const everywhere = { left: 10, top: 10, right: 1270, bottom: 790 };
    expect(inside(placeBeside(everywhere, size, window1280))).toBe(true);
  });

  it('unions element boxes', () => {
    expect(unionBox([])).toBeNull();
    expect(
      unionBox([
        { left: 1, top: 5, right: 3, bottom: 6 },
        { left: 2, top: 1, right: 9, bottom: 4 },
      ]),
    ).toEqual({ left: 1, top: 1, right: 9, bottom: 6 });
  });
});
