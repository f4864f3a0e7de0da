import type { Direction } from "../lib/types";
import { ProgressBar } from "../components/ErrorPage";
import { useWorkspace } from "./context";
import type { Tool } from "./MaskCanvas";
import { MAX_BRUSH } from "./state";
import { isEditingTool } from "./useTaskFlow";
import type { JobActions } from "./useJobActions";

const TOOLS: Array<{ tool: Tool; label: string; key: string; title: string }> = [
  { tool: "positive", label: "+ Click", key: "1", title: "Positive click: add to the object" },
  { tool: "negative", label: "− Click", key: "2", title: "Negative click: remove from the object (or Shift+click)" },
  { tool: "box", label: "Box", key: "3", title: "Drag a box around the object" },
  { tool: "brush", label: "Brush", key: "4", title: "Paint onto the mask" },
  { tool: "eraser", label: "Eraser", key: "5", title: "Erase from the mask" },
  { tool: "issue", label: "Issue", key: "6", title: "Drop a review issue on the frame" },
  { tool: "pan", label: "Pan", key: "7", title: "Pan (or hold Space)" },
];

/** Undo and redo of my own edits, and starting the clicks on this frame over. */
export interface EditControls {
  /** why editing is off here (the tools that change masks are disabled), or null */
  readOnly: string | null;
  canUndo: boolean;
  canRedo: boolean;
  busy: boolean;
  undo: () => void;
  redo: () => void;
  resetClicks: () => void;
}

/** The tools (from the workspace state) and my edit history. */
export function Toolbar({ edit }: { edit: EditControls }) {
  const { state, dispatch } = useWorkspace();
  const setTool = (tool: Tool) => dispatch({ type: "setTool", tool });
  return (
    <div className="toolbar" data-testid="toolbar">
      <div className="tool-group">
        {TOOLS.map((t) => (
          <button
            key={t.tool}
            className={state.tool === t.tool ? "tool active" : "tool"}
            onClick={() => setTool(t.tool)}
            title={`${t.title} (${t.key})`}
            data-testid={`tool-${t.tool}`}
            aria-pressed={state.tool === t.tool}
            disabled={edit.readOnly !== null && isEditingTool(t.tool)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <label className="brush-size" title="Brush radius in video pixels ([ and ])">
        Size
        <input
          type="range"
          min={1}
          max={MAX_BRUSH}
          value={state.brushSize}
          onChange={(e) => dispatch({ type: "setBrushSize", size: Number(e.target.value) })}
          data-testid="brush-size"
        />
        <span>{state.brushSize}</span>
      </label>
      <div className="tool-group">
        <button onClick={edit.undo} disabled={!edit.canUndo || edit.readOnly !== null} data-testid="undo" title="Undo my last edit (Ctrl+Z)">
          Undo
        </button>
        <button onClick={edit.redo} disabled={!edit.canRedo || edit.readOnly !== null} data-testid="redo" title="Redo (Ctrl+Shift+Z)">
          Redo
        </button>
        <button onClick={edit.resetClicks} disabled={edit.readOnly !== null} data-testid="reset-clicks" title="Start the clicks on this frame over (R)">
          Reset clicks
        </button>
      </div>
      {edit.busy ? <span className="busy" data-testid="busy">working…</span> : null}
    </div>
  );
}

/** Propagation of the selected object (or of every object on this frame), and its jobs. */
export function PropagatePanel({ jobs }: { jobs: Pick<JobActions, "propagate" | "cancel" | "disabled"> }) {
  const { state, dispatch, jobs: tracked } = useWorkspace();
  const running = tracked.filter((j) => j.kind === "propagate");
  return (
    <div className="panel" data-testid="propagate-panel">
      <h3>Propagate</h3>
      <div className="inline-form">
        <select value={state.direction} onChange={(e) => dispatch({ type: "setDirection", direction: e.target.value as Direction })} data-testid="propagate-direction">
          <option value="forward">forward</option>
          <option value="backward">backward</option>
          <option value="both">both ways</option>
        </select>
        <input
          type="number"
          min={1}
          value={state.maxFrames}
          onChange={(e) => dispatch({ type: "setMaxFrames", frames: Math.max(1, Number(e.target.value) || 1) })}
          title="Number of frames"
          data-testid="propagate-frames"
          style={{ width: 70 }}
        />
        <span className="muted" title="per direction, counting the current frame">frames</span>
        <button className="primary" onClick={() => jobs.propagate()} disabled={jobs.disabled} data-testid="propagate" title="F forward, Shift+F backward, T both">
          Propagate
        </button>
      </div>
      {running.map((j) => (
        <div key={j.id} className="job-row" data-testid="propagate-job" data-status={j.status}>
          <ProgressBar value={j.progress} testId="propagate-progress" label="Propagation" />
          <span className={`badge job-${j.status}`}>{j.status}</span>
          {j.status === "queued" || j.status === "running" ? (
            <button onClick={() => jobs.cancel(j.id)} data-testid="cancel-job" title="Cancel (Esc)">
              Cancel
            </button>
          ) : null}
          {j.error ? <div className="error-line">{j.error}</div> : null}
        </div>
      ))}
    </div>
  );
}
