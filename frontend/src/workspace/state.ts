/**
 * The workspace's own state (what the user looks at and works with), changed only through
 * `workspaceReducer`. Server data (masklets, masks, jobs, issues) lives in the data hooks.
 */
import type { Direction, ModelRole } from "../lib/types";
import type { Tool } from "./MaskCanvas";

export interface Toast {
  text: string;
  error: boolean;
}

export interface WorkspaceState {
  /** frames of the video; `frame` stays in [0, frameCount - 1] */
  frameCount: number;
  frame: number;
  selected: number | null;
  tool: Tool;
  /** brush radius in video pixels */
  brushSize: number;
  hidden: ReadonlySet<number>;
  masksVisible: boolean;
  help: boolean;
  /** bumped to ask the canvas to fit the frame to its box */
  fitNonce: number;
  direction: Direction;
  /** propagation length per direction, counting the current frame */
  maxFrames: number;
  /** label given to new objects */
  currentLabel: number | null;
  /** where a new review issue goes (video pixels), while its text is being written */
  pendingIssue: [number, number] | null;
  message: Toast | null;
  /** bumped to focus the reason field of the review panel */
  rejectFocus: number;
  /** screen pixels per video pixel, as the canvas reports it */
  viewScale: number;
  /** playback running (at the annotation frame rate times `speed`) */
  playing: boolean;
  speed: number;
  /** fill opacity of the masks, 0..1 */
  opacity: number;
  /** draw each mask's outline only */
  outline: boolean;
  /** the only masklet shown, or null */
  solo: number | null;
  /** model role for clicks, propagation and automatic masklets; null: the project's default */
  modelRole: ModelRole | null;
}

export const SPEEDS = [0.25, 0.5, 1, 1.5, 2] as const;

export type WorkspaceAction =
  | { type: "seek"; frame: number }
  | { type: "select"; masklet: number | null }
  /** a masklet is gone: deselect it if it was selected */
  | { type: "forget"; masklet: number }
  | { type: "setTool"; tool: Tool }
  | { type: "setBrushSize"; size: number }
  | { type: "growBrush" }
  | { type: "shrinkBrush" }
  | { type: "toggleHidden"; masklet: number }
  | { type: "toggleMasks" }
  | { type: "fitView" }
  | { type: "setHelp"; open: boolean }
  | { type: "toggleHelp" }
  | { type: "setDirection"; direction: Direction }
  | { type: "setMaxFrames"; frames: number }
  | { type: "setModelRole"; role: ModelRole | null }
  | { type: "setCurrentLabel"; label: number | null }
  | { type: "placeIssue"; position: [number, number] | null }
  | { type: "say"; text: string; error: boolean }
  | { type: "clearMessage" }
  | { type: "focusReject" }
  | { type: "setViewScale"; scale: number }
  | { type: "setPlaying"; playing: boolean }
  | { type: "togglePlay" }
  | { type: "setSpeed"; speed: number }
  | { type: "setOpacity"; opacity: number }
  | { type: "toggleOutline" }
  | { type: "toggleSolo"; masklet: number };

export const MAX_BRUSH = 150;

export function initialWorkspaceState(opts: { frameCount: number; frame: number; currentLabel: number | null }): WorkspaceState {
  return {
    frameCount: opts.frameCount,
    frame: opts.frame,
    selected: null,
    tool: "positive",
    brushSize: 12,
    hidden: new Set(),
    masksVisible: true,
    help: false,
    fitNonce: 0,
    direction: "forward",
    maxFrames: Math.min(50, Math.max(1, opts.frameCount)),
    currentLabel: opts.currentLabel,
    pendingIssue: null,
    message: null,
    rejectFocus: 0,
    viewScale: 1,
    playing: false,
    speed: 1,
    opacity: 0.45,
    outline: false,
    solo: null,
    modelRole: null,
  };
}

/** The frame to open on: a valid ?frame= of the address, else the task's first frame, else 0. */
export function initialFrame(search: string, frameCount: number, taskStart: number | null): number {
  const raw = new URLSearchParams(search).get("frame");
  const q = raw === null || raw === "" ? NaN : Number(raw);
  if (Number.isInteger(q) && q >= 0 && q < frameCount) return q;
  return taskStart !== null ? Math.min(frameCount - 1, taskStart) : 0;
}

export function clampFrame(frame: number, frameCount: number): number {
  return Math.min(frameCount - 1, Math.max(0, Math.round(frame)));
}

/** `state` with `changes`, or `state` itself when nothing changes (React then skips the render). */
function update(state: WorkspaceState, changes: Partial<WorkspaceState>): WorkspaceState {
  for (const key of Object.keys(changes) as Array<keyof WorkspaceState>) {
    if (!Object.is(state[key], changes[key])) return { ...state, ...changes };
  }
  return state;
}

export function workspaceReducer(state: WorkspaceState, action: WorkspaceAction): WorkspaceState {
  switch (action.type) {
    case "seek":
      return update(state, { frame: clampFrame(action.frame, state.frameCount) });
    case "select":
      return update(state, { selected: action.masklet });
    case "forget":
      return update(state, {
        selected: state.selected === action.masklet ? null : state.selected,
        solo: state.solo === action.masklet ? null : state.solo,
      });
    case "setTool":
      return update(state, { tool: action.tool });
    case "setBrushSize":
      return update(state, { brushSize: action.size });
    case "growBrush":
      return update(state, { brushSize: Math.min(MAX_BRUSH, Math.round(state.brushSize * 1.25) + 1) });
    case "shrinkBrush":
      return update(state, { brushSize: Math.max(1, Math.round(state.brushSize / 1.25)) });
    case "toggleHidden": {
      const hidden = new Set(state.hidden);
      if (hidden.has(action.masklet)) hidden.delete(action.masklet);
      else hidden.add(action.masklet);
      return { ...state, hidden };
    }
    case "toggleMasks":
      return { ...state, masksVisible: !state.masksVisible };
    case "fitView":
      return { ...state, fitNonce: state.fitNonce + 1 };
    case "setHelp":
      return update(state, { help: action.open });
    case "toggleHelp":
      return { ...state, help: !state.help };
    case "setDirection":
      return update(state, { direction: action.direction });
    case "setMaxFrames":
      return update(state, { maxFrames: action.frames });
    case "setModelRole":
      return update(state, { modelRole: action.role });
    case "setCurrentLabel":
      return update(state, { currentLabel: action.label });
    case "placeIssue":
      return update(state, { pendingIssue: action.position });
    case "say":
      return { ...state, message: { text: action.text, error: action.error } };
    case "clearMessage":
      return update(state, { message: null });
    case "focusReject":
      return { ...state, rejectFocus: state.rejectFocus + 1 };
    case "setViewScale":
      return update(state, { viewScale: action.scale });
    case "setPlaying":
      return update(state, { playing: action.playing });
    case "togglePlay":
      // at the last frame, play starts over from the first
      return state.playing
        ? update(state, { playing: false })
        : update(state, { playing: true, frame: state.frame >= state.frameCount - 1 ? 0 : state.frame });
    case "setSpeed":
      return update(state, { speed: Math.min(2, Math.max(0.25, action.speed)) });
    case "setOpacity":
      return update(state, { opacity: Math.min(1, Math.max(0, action.opacity)) });
    case "toggleOutline":
      return update(state, { outline: !state.outline });
    case "toggleSolo":
      return update(state, { solo: state.solo === action.masklet ? null : action.masklet });
  }
}
