/**
 * The Viewer's measurement wiring: one AnnotationLayer per tool group, fed with the app's annotations
 * and measure request, redrawn when a viewport starts showing another series.
 */
import { useEffect, useRef, useState } from 'react';
import { AnnotationLayer, type AnnotationLayerCallbacks } from './annotationLayer';
import type { ViewerToolGroup } from './toolGroup';
import type { MeasureRequest, ViewerAnnotation } from './types';
import type { ViewportController } from './ViewportController';

const NO_ANNOTATIONS: readonly ViewerAnnotation[] = [];

export function useViewerMeasurements(
  toolGroup: ViewerToolGroup | null,
  controllers: readonly (ViewportController | null)[],
  annotations: readonly ViewerAnnotation[] | undefined,
  measureRequest: MeasureRequest | null | undefined,
  callbacks: AnnotationLayerCallbacks,
): { layer: AnnotationLayer | null; armed: MeasureRequest | null } {
  const [layer, setLayer] = useState<AnnotationLayer | null>(null);
  const [armed, setArmed] = useState<MeasureRequest | null>(null);
  const controllersRef = useRef(controllers);
  const callbacksRef = useRef(callbacks);
  useEffect(() => {
    controllersRef.current = controllers;
    callbacksRef.current = callbacks;
  });

  useEffect(() => {
    if (!toolGroup) return;
    const created = new AnnotationLayer(
      toolGroup.id,
      toolGroup,
      () => controllersRef.current,
      () => callbacksRef.current,
      setArmed,
    );
    setLayer(created);
    return () => {
      created.destroy();
      setLayer(null);
      setArmed(null);
    };
  }, [toolGroup]);

  useEffect(() => {
    layer?.setAnnotations(annotations ?? NO_ANNOTATIONS);
  }, [layer, annotations]);

  useEffect(() => {
    layer?.setRequest(measureRequest ?? null);
  }, [layer, measureRequest]);

  useEffect(() => {
    controllersRef.current = controllers;
    layer?.setViewports();
  }, [layer, controllers]);

  return { layer, armed };
}
