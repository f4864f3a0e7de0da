import type { Direction } from "../lib/types";
import { ProgressBar } from "../components/ErrorPage";
import type { Tool } from "./MaskCanvas";
import type { TrackedJob } from "./useJobs";

const TOOLS: Array<{ tool: Tool; label: string; key: string; title: string }> = [
  { tool: "positive", label: "+ Click", key: "1", title: "Positive click: add to the object" },
  { tool: "negative", label: "− Click", key: "2", title: "Negative click: remove from the object (or Shift+click)" },
  { tool: "box", label: "Box", key: "3", title: "Drag a box around the object" },
  { tool: "brush", label: "Brush", key: "4", title: "Paint onto the mask" },
  { tool: "eraser", label: "Eraser", key: "5", title: "Erase from the mask" },
  { tool: "issue", label: "Issue", key: "6", title: "Drop a review issue on the frame" },
  { tool: "pan", label: "Pan", key: "7", title: "Pan (or hold Space)" },
];

interface Props {
  tool: Tool;
  setTool: (t: Tool) => void;
  brushSize: number;
  setBrushSize: (n: number) => void;
  canUndo: boolean;
  canRedo: boolean;
  onUndo: () => void;
  onRedo: () => void;
  onResetClicks: () => void;
  busy: boolean;
}

export function Toolbar(p: Props) {
  return (
    <div className="toolbar" data-testid="toolbar">
      <div className="tool-group">
        {TOOLS.map((t) => (
          <button
            key={t.tool}
            className={p.tool === t.tool ? "tool active" : "tool"}
            onClick={() => p.setTool(t.tool)}
            title={`${t.title} (${t.key})`}
            data-testid={`tool-${t.tool}`}
            aria-pressed={p.tool === t.tool}
          >
            {t.label}
          </button>
        ))}
      </div>
      <label className="brush-size" title="Brush radius in video pixels ([ and ])">
        Size
        <input type="range" min={1} max={150} value={p.brushSize} onChange={(e) => p.setBrushSize(Number(e.target.value))} data-testid="brush-size" />
        <span>{p.brushSize}</span>
      </label>
      <div className="tool-group">
        <button onClick={p.onUndo} disabled={!p.canUndo} data-testid="undo" title="Undo my last edit (Ctrl+Z)">
          Undo
        </button>
        <button onClick={p.onRedo} disabled={!p.canRedo} data-testid="redo" title="Redo (Ctrl+Shift+Z)">
          Redo
        </button>
        <button onClick={p.onResetClicks} data-testid="reset-clicks" title="Start the clicks on this frame over (R)">
          Reset clicks
        </button>
      </div>
      {p.busy ? <span className="busy" data-testid="busy">working…</span> : null}
    </div>
  );
}

interface PropagateProps {
  direction: Direction;
  setDirection: (d: Direction) => void;
  maxFrames: number;
  setMaxFrames: (n: number) => void;
  onPropagate: (d?: Direction) => void;
  disabled: boolean;
  jobs: TrackedJob[];
  onCancel: (id: number) => void;
}

export function PropagatePanel(p: PropagateProps) {
  const running = p.jobs.filter((j) => j.kind === "propagate");
  return (
    <div className="panel" data-testid="propagate-panel">
      <h3>Propagate</h3>
      <div className="inline-form">
        <select value={p.direction} onChange={(e) => p.setDirection(e.target.value as Direction)} data-testid="propagate-direction">
          <option value="forward">forward</option>
          <option value="backward">backward</option>
          <option value="both">both ways</option>
        </select>
        <input
          type="number"
          min={1}
          value={p.maxFrames}
          onChange={(e) => p.setMaxFrames(Math.max(1, Number(e.target.value) || 1))}
          title="Number of frames"
          data-testid="propagate-frames"
          style={{ width: 70 }}
        />
        <span className="muted" title="per direction, counting the current frame">frames</span>
        <button className="primary" onClick={() => p.onPropagate()} disabled={p.disabled} data-testid="propagate" title="F forward, Shift+F backward, T both">
          Propagate
        </button>
      </div>
      {running.map((j) => (
        <div key={j.id} className="job-row" data-testid="propagate-job" data-status={j.status}>
          <ProgressBar value={j.progress} testId="propagate-progress" label="Propagation" />
          <span className={`badge job-${j.status}`}>{j.status}</span>
          {j.status === "queued" || j.status === "running" ? (
            <button onClick={() => p.onCancel(j.id)} data-testid="cancel-job" title="Cancel (Esc)">
              Cancel
            </button>
          ) : null}
          {j.error ? <div className="error-line">{j.error}</div> : null}
        </div>
      ))}
    </div>
  );
}
