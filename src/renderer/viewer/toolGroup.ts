/**
 * Cornerstone tools for the viewer: registered once, and one tool group per Viewer so all its
 * viewports share bindings. Measurement tools (Bidirectional, Length, ArrowAnnotate) are registered
 * here too; `setPrimaryTool` switches the left mouse button between window/level and them.
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
  destroy(): void;
}

/**
 * Default bindings: left drag window/level, right drag zoom, middle drag pan, wheel scroll.
 * The measurement tools start passive: their annotations show and can be edited, not drawn.
 */
export function createViewerToolGroup(id: string): ViewerToolGroup {
  const group = ToolGroupManager.createToolGroup(id);
  if (!group) throw new Error(`tool group ${id} already exists`);
  for (const name of Object.values(primaryToolNames)) group.addTool(name);
  group.addTool(StackScrollTool.toolName);

  let primary: PrimaryTool = 'WindowLevel';
  const applyBindings = () => {
    for (const [tool, name] of Object.entries(primaryToolNames) as [PrimaryTool, string][]) {
      const extra: { mouseButton: number }[] = [];
      if (tool === 'Zoom') extra.push({ mouseButton: MouseBindings.Secondary });
      if (tool === 'Pan') extra.push({ mouseButton: MouseBindings.Auxiliary });
      const bindings = tool === primary ? [{ mouseButton: MouseBindings.Primary }, ...extra] : extra;
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
    destroy: () => ToolGroupManager.destroyToolGroup(id),
  };
}
