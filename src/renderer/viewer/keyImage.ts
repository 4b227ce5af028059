/**
 * A key image: the viewport as the reader sees it (the rendered image, Cornerstone's SVG annotation
 * layer and the text overlays) flattened into one PNG, at the canvas's device resolution.
 */

const OVERLAY_TEXT =
  '.viewer-overlay__corner > div, .viewer-orient, .viewer-scale > div:not(.viewer-scale__bar)';

export async function captureViewportPng(element: HTMLDivElement): Promise<Blob> {
  // Cornerstone draws annotations on the next animation frame; let pending renders land first.
  await nextFrame();
  await nextFrame();
  const source = element.querySelector('canvas');
  if (!source || source.width === 0 || source.height === 0) {
    throw new Error('the viewport has no rendered image to capture');
  }
  const bounds = element.getBoundingClientRect();
  const canvas = document.createElement('canvas');
  canvas.width = source.width;
  canvas.height = source.height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D canvas to compose the key image');
  context.drawImage(source, 0, 0);
  const scaleX = canvas.width / Math.max(1, bounds.width);
  const scaleY = canvas.height / Math.max(1, bounds.height);

  const svg = element.querySelector('svg.svg-layer');
  if (svg) {
    const layer = await svgImage(svg as SVGSVGElement, bounds.width, bounds.height);
    context.drawImage(layer, 0, 0, canvas.width, canvas.height);
  }

  const pane = element.closest('.viewer-pane__image');
  if (pane) drawOverlays(context, pane, bounds, scaleX, scaleY);
  return toPng(canvas);
}

/** The SVG layer as an image (serialised, so no foreign content taints the canvas). */
async function svgImage(svg: SVGSVGElement, width: number, height: number): Promise<HTMLImageElement> {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  const markup = new XMLSerializer().serializeToString(copy);
  const url = URL.createObjectURL(new Blob([markup], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    return image;
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** The corner texts, orientation letters and scale bar, where they sit on screen. */
function drawOverlays(
  context: CanvasRenderingContext2D,
  pane: Element,
  bounds: DOMRect,
  scaleX: number,
  scaleY: number,
): void {
  context.save();
  context.scale(scaleX, scaleY);
  context.textBaseline = 'top';
  for (const node of pane.querySelectorAll<HTMLElement>(OVERLAY_TEXT)) {
    const text = node.textContent?.trim();
    // Containers (the scale bar's box) are drawn through their own text children.
    if (!text || node.closest('button, ul') || node.querySelector('div')) continue;
    const rect = node.getBoundingClientRect();
    const style = getComputedStyle(node);
    if (style.visibility === 'hidden' || rect.width === 0) continue;
    context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    context.fillStyle = style.color;
    context.shadowColor = 'rgba(0, 0, 0, 0.9)';
    context.shadowBlur = 2;
    const right = style.textAlign === 'right' || style.textAlign === 'end';
    context.textAlign = right ? 'right' : 'left';
    context.fillText(text, (right ? rect.right : rect.left) - bounds.left, rect.top - bounds.top);
  }
  const bar = pane.querySelector<HTMLElement>('.viewer-scale__bar');
  if (bar) {
    // A bracket: the bar's left, bottom and right borders.
    const rect = bar.getBoundingClientRect();
    const left = rect.left - bounds.left + 1;
    const right = rect.right - bounds.left - 1;
    const top = rect.top - bounds.top;
    const bottom = rect.bottom - bounds.top - 1;
    context.shadowBlur = 2;
    context.strokeStyle = getComputedStyle(bar).borderBottomColor || '#fff';
    context.lineWidth = 2;
    context.beginPath();
    context.moveTo(left, top);
    context.lineTo(left, bottom);
    context.lineTo(right, bottom);
    context.lineTo(right, top);
    context.stroke();
  }
  context.restore();
}

function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}

function toPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('the key image could not be encoded as PNG'))),
      'image/png',
    ),
  );
}
