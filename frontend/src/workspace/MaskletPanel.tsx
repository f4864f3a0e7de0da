import { ProgressBar } from "../components/ErrorPage";
import { isPendingAutoMasklet, type Label, type Masklet } from "../lib/types";
import type { TrackedJob } from "./useJobs";
import { maskletColor } from "./useMaskLayer";

interface Props {
  masklets: Masklet[];
  labels: Label[];
  labelMap: Map<number, Label>;
  selected: number | null;
  hidden: Set<number>;
  currentLabel: number | null;
  setCurrentLabel: (id: number | null) => void;
  onSelect: (id: number) => void;
  onToggleHidden: (id: number) => void;
  onNew: () => void;
  onDelete: (id: number) => void;
  onChangeLabel: (id: number, label: number | null) => void;
  onFrameMasklets: Set<number>;
}

export function MaskletPanel(p: Props) {
  const regular = p.masklets.filter((m) => !isPendingAutoMasklet(m));
  return (
    <div className="panel" data-testid="masklet-panel">
      <div className="section-head">
        <h3>Objects ({regular.length})</h3>
        <button onClick={p.onNew} data-testid="new-object" title="New object (O)">
          New
        </button>
      </div>
      <label className="inline">
        Label for new objects{" "}
        <select value={p.currentLabel ?? ""} onChange={(e) => p.setCurrentLabel(e.target.value ? Number(e.target.value) : null)} data-testid="current-label">
          <option value="">(none)</option>
          {p.labels.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </select>
      </label>
      <ul className="masklet-list" data-testid="masklet-list">
        {regular.map((m) => (
          <li
            key={m.id}
            className={m.id === p.selected ? "selected" : ""}
            onClick={() => p.onSelect(m.id)}
            data-testid={`masklet-${m.id}`}
            data-status={m.status}
            data-label={m.label ?? ""}
          >
            <span className="swatch" style={{ background: maskletColor(m, p.labelMap) }} />
            <span className="mname">
              #{m.number} {m.name}
              {p.onFrameMasklets.has(m.id) ? <span className="dot" title="has a mask on this frame" /> : null}
            </span>
            <span className={`badge mstatus-${m.status}`}>{m.status.replace("_", " ")}</span>
            <button
              className="link"
              onClick={(e) => {
                e.stopPropagation();
                p.onToggleHidden(m.id);
              }}
              title="Hide or show"
            >
              {p.hidden.has(m.id) ? "show" : "hide"}
            </button>
          </li>
        ))}
      </ul>
      {p.selected != null ? <SelectedControls {...p} /> : <p className="muted">Click on the frame to start an object.</p>}
    </div>
  );
}

function SelectedControls(p: Props) {
  const m = p.masklets.find((x) => x.id === p.selected);
  if (!m) return null;
  return (
    <div className="selected-controls">
      <label className="inline">
        Label{" "}
        <select value={m.label ?? ""} onChange={(e) => p.onChangeLabel(m.id, e.target.value ? Number(e.target.value) : null)} data-testid="masklet-label">
          <option value="">(none)</option>
          {p.labels.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </select>
      </label>
      <button className="danger" onClick={() => p.onDelete(m.id)} data-testid="delete-object" title="Delete object (Del)">
        Delete object
      </button>
      {m.review_comment ? (
        <p className="review-comment" data-testid="review-comment">
          Reviewer: {m.review_comment}
        </p>
      ) : null}
    </div>
  );
}

interface AutoProps {
  masklets: Masklet[];
  jobs: TrackedJob[];
  onStart: () => void;
  onAccept: (ids: number[]) => void;
  onDiscard: (ids: number[]) => void;
  onSelect: (id: number) => void;
  labelMap: Map<number, Label>;
  disabled: boolean;
}

export function AutoMaskletPanel(p: AutoProps) {
  const pending = p.masklets.filter(isPendingAutoMasklet);
  const running = p.jobs.filter((j) => j.kind === "automask");
  return (
    <div className="panel" data-testid="auto-panel">
      <div className="section-head">
        <h3>Automatic masklets</h3>
        <button onClick={p.onStart} disabled={p.disabled || running.some((j) => j.status === "queued" || j.status === "running")} data-testid="automask">
          Propose
        </button>
      </div>
      {running.map((j) => (
        <div key={j.id} className="job-row" data-testid="automask-job" data-status={j.status}>
          <ProgressBar value={j.progress} testId="automask-progress" label="Automatic masklets" />
          <span className={`badge job-${j.status}`}>{j.status}</span>
          {j.error ? <div className="error-line">{j.error}</div> : null}
        </div>
      ))}
      {pending.length > 0 ? (
        <>
          <div className="inline-form">
            <button onClick={() => p.onAccept(pending.map((m) => m.id))} data-testid="auto-accept-all">
              Accept all ({pending.length})
            </button>
            <button onClick={() => p.onDiscard(pending.map((m) => m.id))} data-testid="auto-discard-all">
              Discard all
            </button>
          </div>
          <ul className="masklet-list" data-testid="auto-list">
            {pending.map((m) => (
              <li key={m.id} onClick={() => p.onSelect(m.id)} data-testid={`auto-${m.id}`}>
                <span className="swatch" style={{ background: maskletColor(m, p.labelMap) }} />
                <span className="mname">
                  #{m.number} {m.name}
                </span>
                <button
                  onClick={(e) => {
                    e.stopPropagation();
                    p.onAccept([m.id]);
                  }}
                  data-testid={`auto-accept-${m.id}`}
                >
                  Accept
                </button>
                <button
                  className="danger"
                  onClick={(e) => {
                    e.stopPropagation();
                    p.onDiscard([m.id]);
                  }}
                  data-testid={`auto-discard-${m.id}`}
                >
                  Discard
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : running.length === 0 ? (
        <p className="muted">No proposals waiting.</p>
      ) : null}
    </div>
  );
}
