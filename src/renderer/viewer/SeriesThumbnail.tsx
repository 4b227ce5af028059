import { imageLoader, Enums, type Types } from '@cornerstonejs/core';
import { useEffect, useRef, useState } from 'react';
import { initCornerstone } from './cornerstone';
import { loadErrorReason } from './loadError';
import { thumbnailRgba } from './thumbnail';
import type { ViewerSeries } from './types';

/** The slice a thumbnail shows: the middle one, which is more telling than the first. */
export function thumbnailImageId(series: Pick<ViewerSeries, 'imageIds'>): string | null {
  return series.imageIds[Math.floor(series.imageIds.length / 2)] ?? null;
}

/** A small picture of one image (pass the series' middle slice, see `thumbnailImageId`). */
export function SeriesThumbnail({ imageId, size = 96 }: { imageId: string; size?: number }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [result, setResult] = useState<{ imageId: string; error: string | null } | null>(null);
  const current = result?.imageId === imageId ? result : null;

  useEffect(() => {
    let cancelled = false;
    const canvas = canvasRef.current;
    if (!canvas) return;
    const pixels = Math.round(size * (window.devicePixelRatio || 1));
    initCornerstone()
      .then(() =>
        imageLoader.loadAndCacheImage(imageId, { priority: -5, requestType: Enums.RequestType.Thumbnail }),
      )
      .then((image) => {
        if (cancelled) return;
        drawThumbnail(canvas, image, pixels);
        setResult({ imageId, error: null });
      })
      .catch((error: unknown) => {
        if (!cancelled) setResult({ imageId, error: loadErrorReason(error) });
      });
    return () => {
      cancelled = true;
    };
  }, [imageId, size]);

  return (
    <div
      className="series-thumbnail"
      style={{ width: size, height: size, position: 'relative', background: '#000', flex: '0 0 auto' }}
      data-testid="series-thumbnail"
      data-state={current ? (current.error ? 'error' : 'done') : 'loading'}
    >
      <canvas ref={canvasRef} style={{ width: size, height: size, display: 'block' }} />
      {current?.error && (
        <div
          role="img"
          aria-label={`No preview: ${current.error}`}
          title={current.error}
          style={{
            position: 'absolute',
            inset: 0,
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'center',
            color: '#ff6b6b',
            fontSize: 11,
            textAlign: 'center',
            padding: 4,
          }}
        >
          No preview
        </div>
      )}
    </div>
  );
}

function drawThumbnail(canvas: HTMLCanvasElement, image: Types.IImage, size: number): void {
  const pixels = image.voxelManager?.getScalarData() ?? image.getPixelData();
  const width = Array.isArray(image.windowWidth) ? image.windowWidth[0] : image.windowWidth;
  const center = Array.isArray(image.windowCenter) ? image.windowCenter[0] : image.windowCenter;
  const hasWindow = typeof width === 'number' && width > 0 && typeof center === 'number';
  const rgba = thumbnailRgba(
    {
      width: image.width,
      height: image.height,
      pixels,
      components: image.numberOfComponents || (image.color ? (image.rgba ? 4 : 3) : 1),
      windowLevel: hasWindow ? { width, center } : null,
      invert: image.photometricInterpretation === 'MONOCHROME1' || image.invert,
    },
    size,
  );
  canvas.width = size;
  canvas.height = size;
  canvas.getContext('2d')?.putImageData(new ImageData(rgba, size, size), 0, 0);
}
