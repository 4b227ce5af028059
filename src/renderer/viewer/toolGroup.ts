/**
 * Cornerstone tools for the viewer: registered once, and one tool group per Viewer so all its
 * viewports share bindings. Measurement tools (Bidirectional, Length, ArrowAnnotate) are registered
 * here too; `setPrimaryTool` switches the left mouse button between window/level and them, and
 * `armMeasurement` lends the left button to one of them for a single drawing.
 */
import {
  addTool,
  ArrowAnnotateTool,
  BidirectionalTool,
  Enums as ToolEnums,
  LengthTool,
  PanTool,
  StackScrollTool,
  ToolGroupManager,
  WindowLevelTool,
  ZoomTool,
} from '@cornerstonejs/tools';

import { annotationText, type AnnotationToolName } from '../../core/viewing/annotationText';
import { axesOf, type ToolPoints } from './annotationGeometry';

const { MouseBindings } = ToolEnums;

/** Tools the left button can drive. Navigation tools stay on their own buttons. */
export type PrimaryTool = 'WindowLevel' | 'Pan' | 'Zoom' | 'Bidirectional' | 'Length' | 'ArrowAnnotate';

const primaryToolNames: Record<PrimaryTool, string> = {
  WindowLevel: WindowLevelTool.toolName,
  Pan: PanTool.toolName,
  Zoom: ZoomTool.toolName,
  Bidirectional: BidirectionalTool.toolName,
  Length: LengthTool.toolName,
  ArrowAnnotate: ArrowAnnotateTool.toolName,
};

const annotationTools = [BidirectionalTool, LengthTool, ArrowAnnotateTool];

let registered = false;

export function registerViewerTools(): void {
  if (registered) return;
  for (const Tool of [WindowLevelTool, PanTool, ZoomTool, StackScrollTool, ...annotationTools]) addTool(Tool);
  registered = true;
}

export interface ViewerToolGroup {
  readonly id: string;
  addViewport(viewportId: string, renderingEngineId: string): void;
  removeViewport(viewportId: string, renderingEngineId: string): void;
  setPrimaryTool(tool: PrimaryTool): void;
  /** Left drag draws `tool` (right/middle drag and the wheel keep their tools) until disarmed. */
  armMeasurement(tool: AnnotationToolName): void;
  disarmMeasurement(): void;
  /** The Cornerstone tool instance (hit tests for selection). */
  toolInstance(tool: AnnotationToolName): AnnotationToolInstance | undefined;
  destroy(): void;
}

/** The part of a Cornerstone annotation tool the viewer calls. */
export interface AnnotationToolInstance {
  isPointNearTool(
    element: HTMLDivElement,
    annotation: never,
    canvasCoords: [number, number],
    proximity: number,
  ): boolean;
}

/** What a new arrow is labelled until the app's stored marker replaces it. */
export const PENDING_ARROW_LABEL = '…';

/**
 * Text next to callipers: the lesion label (data.label, set when the viewer draws a stored
 * measurement) and the diameters from the current handle positions, rounded as they are stored, so
 * they stay right while a handle is dragged. The tools' own undo/redo key actions are dropped: undo
 * is the app's (it owns the stored measurements).
 */
function measurementConfiguration(tool: 'Bidirectional' | 'Length') {
  return {
    getTextLines: (data: { label?: string; handles: { points: ToolPoints } }) => [
      annotationText(data.label ?? '', tool, axesOf(tool, data.handles.points)),
    ],
    actions: {},
  };
}

const arrowConfiguration = {
  // The label comes from the app (the lesion's): never prompt, never let a double click rename.
  getTextCallback: (done: (label: string) => void) => done(PENDING_ARROW_LABEL),
  changeTextCallback: () => undefined,
  actions: {},
};

/**
 * Default bindings: left drag window/level, right drag zoom, middle drag pan, wheel scroll.
 * The measurement tools start passive: their annotations show and can be edited, not drawn.
 */
export function createViewerToolGroup(id: string): ViewerToolGroup {
  const group = ToolGroupManager.createToolGroup(id);
  if (!group) throw new Error(`tool group ${id} already exists`);
  for (const name of Object.values(primaryToolNames)) group.addTool(name);
  group.addTool(StackScrollTool.toolName);
  for (const tool of ['Bidirectional', 'Length'] as const) {
    const name = primaryToolNames[tool];
    const current = group.getToolInstance(name).configuration as Record<string, unknown>;
    group.setToolConfiguration(name, { ...current, ...measurementConfiguration(tool) }, true);
  }
  {
    const name = primaryToolNames.ArrowAnnotate;
    const current = group.getToolInstance(name).configuration as Record<string, unknown>;
    group.setToolConfiguration(name, { ...current, ...arrowConfiguration }, true);
  }

  let primary: PrimaryTool = 'WindowLevel';
  let armed: AnnotationToolName | null = null;
  const applyBindings = () => {
    const left: PrimaryTool = armed ?? primary;
    for (const [tool, name] of Object.entries(primaryToolNames) as [PrimaryTool, string][]) {
      const extra: { mouseButton: number }[] = [];
      if (tool === 'Zoom') extra.push({ mouseButton: MouseBindings.Secondary });
      if (tool === 'Pan') extra.push({ mouseButton: MouseBindings.Auxiliary });
      const bindings = tool === left ? [{ mouseButton: MouseBindings.Primary }, ...extra] : extra;
      // setToolActive merges with earlier bindings, so clear them first.
      if (annotationTools.some((Tool) => Tool.toolName === name)) {
        group.setToolPassive(name, { removeAllBindings: true });
      } else {
        group.setToolDisabled(name);
      }
      if (bindings.length > 0) group.setToolActive(name, { bindings });
    }
    group.setToolActive(StackScrollTool.toolName, { bindings: [{ mouseButton: MouseBindings.Wheel }] });
  };
  applyBindings();

  return {
    id,
    addViewport: (viewportId, renderingEngineId) => group.addViewport(viewportId, renderingEngineId),
    removeViewport: (viewportId, renderingEngineId) => group.removeViewports(renderingEngineId, viewportId),
    setPrimaryTool(tool) {
      primary = tool;
      applyBindings();
    },
    armMeasurement(tool) {
      armed = tool;
      applyBindings();
    },
    disarmMeasurement() {
      if (armed === null) return;
      armed = null;
      applyBindings();
    },
    toolInstance: (tool) =>
      group.getToolInstance(primaryToolNames[tool]) as AnnotationToolInstance | undefined,
    destroy: () => ToolGroupManager.destroyToolGroup(id),
  };
}
