import { paintStroke, type Point } from "../lib/brush";
import { cropAt, decodeRle, emptyBitmap, encodeRle } from "../lib/rle";
import type { WorkspaceContextValue } from "./context";
import type { CanvasHandlers } from "./MaskCanvas";
import type { MaskletActions } from "./useMaskletActions";
import type { WorkspaceData } from "./useWorkspaceData";
import type { Say } from "./useWorkspaceState";

/**
 * What the tools do on the frame: SAM clicks and boxes, brush and eraser strokes (on the selected
 * object, or a new one), and placing a review issue. Points are in video pixels.
 */
export function useCanvasTools(ws: WorkspaceContextValue, data: WorkspaceData, masklets: MaskletActions, say: Say): CanvasHandlers {
  const { state, dispatch, video } = ws;
  const { masks, editing } = data;
  const { frame, selected, hidden, brushSize } = state;

  const click = async (p: Point, label: 0 | 1) => {
    const id = await masklets.ensure();
    if (id === null) return;
    const role = state.modelRole;
    await editing.prompt(id, frame, { points: [[p.x, p.y]], labels: [label], role }, label ? "positive click" : "negative click");
  };

  const box = async (b: [number, number, number, number]) => {
    const id = await masklets.ensure();
    if (id === null) return;
    await editing.prompt(id, frame, { box: b, role: state.modelRole }, "box");
  };

  const stroke = async (points: Point[], value: 0 | 1) => {
    if (value === 0 && selected === null) {
      say("Select an object to erase from.", true);
      return;
    }
    const id = await masklets.ensure();
    if (id === null) return;
    const current = masks.store.get(id, frame);
    // the brush edits a full-frame bitmap of this one mask
    const bitmap = current ? decodeRle(current.rle) : emptyBitmap(video.width, video.height);
    if (paintStroke(bitmap, points, brushSize, value) === 0) return;
    await editing.writeMask(id, frame, encodeRle(bitmap), { record: value ? "brush" : "eraser" });
  };

  /** The topmost visible masklet whose mask covers a pixel of this frame. */
  const maskletAt = (x: number, y: number): number | null => {
    if (x < 0 || y < 0 || x >= video.width || y >= video.height) return null;
    const here = masks.store.masksOnFrame(frame).filter((m) => m.area > 0 && !hidden.has(m.masklet));
    const order = [...here.filter((m) => m.masklet === selected), ...here.filter((m) => m.masklet !== selected)];
    for (const m of order) if (cropAt(masks.store.decode(m), Math.floor(x), Math.floor(y))) return m.masklet;
    return null;
  };

  const issue = (p: Point) => {
    dispatch({ type: "placeIssue", position: [p.x, p.y] });
    const under = maskletAt(p.x, p.y);
    if (under !== null) dispatch({ type: "select", masklet: under }); // the issue is about the object clicked on
  };

  return {
    onClick: (p, l) => void click(p, l),
    onBox: (b) => void box(b),
    onStroke: (pts, v) => void stroke(pts, v),
    onIssue: issue,
    onScale: (scale) => dispatch({ type: "setViewScale", scale }),
  };
}
