/**
 * Where a dialog goes so it leaves a box on screen visible (the measurement just drawn): beside it,
 * right or left, else below or above, always wholly inside the window. Pure, unit-tested.
 */
export interface ScreenBox {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

export interface Size {
  readonly width: number;
  readonly height: number;
}

const clamp = (value: number, low: number, high: number) =>
  Math.max(low, Math.min(value, Math.max(low, high)));

/**
 * The top-left corner for a dialog of `size` in a window of `bounds`, `gap` pixels clear of `avoid`.
 * Nothing to avoid (not drawn yet): docked at the right edge, where it covers the least of the image.
 */
export function placeBeside(
  avoid: ScreenBox | null,
  size: Size,
  bounds: Size,
  gap = 16,
): { readonly left: number; readonly top: number } {
  const maxLeft = bounds.width - size.width - gap;
  const maxTop = bounds.height - size.height - gap;
  if (!avoid)
    return { left: clamp(maxLeft, gap, maxLeft), top: clamp((bounds.height - size.height) / 2, gap, maxTop) };
  const besideTop = clamp((avoid.top + avoid.bottom - size.height) / 2, gap, maxTop);
  const besideLeft = clamp((avoid.left + avoid.right - size.width) / 2, gap, maxLeft);
  const candidates = [
    { left: avoid.right + gap, top: besideTop },
    { left: avoid.left - gap - size.width, top: besideTop },
    { left: besideLeft, top: avoid.bottom + gap },
    { left: besideLeft, top: avoid.top - gap - size.height },
  ];
  const fits = (c: { left: number; top: number }) =>
    c.left >= 0 && c.top >= 0 && c.left + size.width <= bounds.width && c.top + size.height <= bounds.height;
  const found = candidates.find(fits);
  if (found) return found;
  // No room clear of it: the side with more room, inside the window.
  const roomRight = bounds.width - avoid.right;
  return { left: roomRight >= avoid.left ? clamp(maxLeft, gap, maxLeft) : gap, top: besideTop };
}

/** The box around a set of elements' boxes, or null when there are none. */
export function unionBox(boxes: readonly ScreenBox[]): ScreenBox | null {
  if (boxes.length === 0) return null;
  return {
    left: Math.min(...boxes.map((b) => b.left)),
    top: Math.min(...boxes.map((b) => b.top)),
    right: Math.max(...boxes.map((b) => b.right)),
    bottom: Math.max(...boxes.map((b) => b.bottom)),
  };
}
