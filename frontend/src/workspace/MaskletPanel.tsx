import { useRef, useState } from "react";
import { ProgressBar } from "../components/ErrorPage";
import { isPendingAutoMasklet, isPendingProposal, type AttributeSpec } from "../lib/types";
import { useWorkspace } from "./context";
import type { JobActions } from "./useJobActions";
import type { MaskletActions } from "./useMaskletActions";
import { labelColor, maskletColor } from "./useMaskLayer";
import { ProposalThumb } from "./ProposalThumb";

type ObjectActions = Pick<MaskletActions, "create" | "remove" | "changeLabel" | "rename" | "setAttribute">;

/** The video's objects: select, hide, label, create and delete; `onFrame` have a mask on this frame. */
export function MaskletPanel({ actions, onFrame, locked = null }: { actions: ObjectActions; onFrame: Set<number>; locked?: string | null }) {
  const { state, dispatch, ordered, labels, labelMap } = useWorkspace();
  const regular = ordered.filter((m) => !isPendingProposal(m));
  return (
    <div className="panel" data-testid="masklet-panel">
      <div className="section-head">
        <h3>Objects ({regular.length})</h3>
        <button onClick={() => void actions.create()} disabled={locked !== null} data-testid="new-object" title={locked ? `Read-only: ${locked}` : "New object (O)"}>
          New
        </button>
      </div>
      <label className="inline">
        Label for new objects{" "}
        <select
          value={state.currentLabel ?? ""}
          onChange={(e) => dispatch({ type: "setCurrentLabel", label: e.target.value ? Number(e.target.value) : null })}
          data-testid="current-label"
        >
          <option value="">(none)</option>
          {labels.map((l) => (
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
            className={m.id === state.selected ? "selected" : ""}
            onClick={() => dispatch({ type: "select", masklet: m.id })}
            data-testid={`masklet-${m.id}`}
            data-status={m.status}
            data-label={m.label ?? ""}
          >
            <span className="swatch" style={{ background: maskletColor(m, labelMap) }} />
            <span className="mname">
              #{m.number} {m.name}
              {onFrame.has(m.id) ? <span className="dot" title="has a mask on this frame" /> : null}
            </span>
            <LabelChip name={m.label != null ? labelMap.get(m.label)?.name : undefined} color={labelColor(m, labelMap)} />
            <span className={`badge mstatus-${m.status}`}>{m.status.replace("_", " ")}</span>
            <button
              className={state.solo === m.id ? "link active" : "link"}
              onClick={(e) => {
                e.stopPropagation();
                dispatch({ type: "toggleSolo", masklet: m.id });
              }}
              data-testid={`solo-${m.id}`}
              aria-pressed={state.solo === m.id}
              title="Show this object alone"
            >
              {state.solo === m.id ? "all" : "solo"}
            </button>
            <button
              className="link"
              onClick={(e) => {
                e.stopPropagation();
                dispatch({ type: "toggleHidden", masklet: m.id });
              }}
              data-testid={`hide-${m.id}`}
              aria-pressed={state.hidden.has(m.id)}
              title="Hide or show"
            >
              {state.hidden.has(m.id) ? "show" : "hide"}
            </button>
          </li>
        ))}
      </ul>
      {state.selected != null ? (
        <SelectedControls actions={actions} locked={locked} />
      ) : locked ? null : (
        <p className="muted">Click on the frame to start an object.</p>
      )}
    </div>
  );
}

/** The object's label as a small chip in the label's colour (the mask itself has the object's colour). */
function LabelChip({ name, color }: { name: string | undefined; color: string | null }) {
  if (!name) return null;
  return (
    <span className="label-chip" style={{ borderColor: color ?? "#7a8290", color: color ?? "#c8cdd6" }} data-testid="label-chip">
      {name}
    </span>
  );
}

function SelectedControls({ actions, locked }: { actions: ObjectActions; locked: string | null }) {
  const { labels, labelMap, selectedMasklet: m } = useWorkspace();
  if (!m) return null;
  const schema = m.label != null ? labelMap.get(m.label)?.attributes ?? [] : [];
  return (
    <fieldset className="selected-controls" disabled={locked !== null} title={locked ? `Read-only: ${locked}` : undefined} data-testid="selected-controls">
      <NameField key={m.id} name={m.name} onRename={(name) => actions.rename(m.id, name)} />
      <label className="inline">
        Label{" "}
        <select value={m.label ?? ""} onChange={(e) => actions.changeLabel(m.id, e.target.value ? Number(e.target.value) : null)} data-testid="masklet-label">
          <option value="">(none)</option>
          {labels.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </select>
      </label>
      {schema.length > 0 ? (
        <div className="attribute-values" data-testid="masklet-attributes">
          {schema.map((a) => (
            <AttributeField key={`${m.id}:${a.name}`} spec={a} value={(m.attributes as Record<string, unknown>)[a.name]} onSet={(v) => actions.setAttribute(m.id, a.name, v)} />
          ))}
        </div>
      ) : null}
      <button className="danger" onClick={() => void actions.remove(m.id)} data-testid="delete-object" title="Delete object (Del)">
        Delete object
      </button>
      {m.review_comment ? (
        <p className="review-comment" data-testid="review-comment">
          Reviewer: {m.review_comment}
        </p>
      ) : null}
    </fieldset>
  );
}

/** One attribute of the selected object's label: a text field (saved on Enter or leaving it), a select, a checkbox. */
function AttributeField({ spec, value, onSet }: { spec: AttributeSpec; value: unknown; onSet: (v: string | boolean) => void }) {
  // shown at once, saved in the background (a refused value shows the server's message)
  const [text, setText] = useState(typeof value === "string" ? value : "");
  const [on, setOn] = useState(value === true);
  const testId = `attribute-value-${spec.name}`;
  if (spec.type === "checkbox")
    return (
      <label>
        <input
          type="checkbox"
          checked={on}
          onChange={(e) => {
            setOn(e.target.checked);
            onSet(e.target.checked);
          }}
          data-testid={testId}
        />{" "}
        {spec.name}
      </label>
    );
  if (spec.type === "select")
    return (
      <label>
        {spec.name}
        <select
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            onSet(e.target.value);
          }}
          data-testid={testId}
        >
          <option value="">(unset)</option>
          {(spec.options ?? []).map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      </label>
    );
  return (
    <label>
      {spec.name}
      <input
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => text !== (value ?? "") && onSet(text)}
        onKeyDown={(e) => e.key === "Enter" && e.currentTarget.blur()}
        data-testid={testId}
      />
    </label>
  );
}

/** Rename the selected object: Enter or leaving the field saves, Escape leaves it unchanged. */
function NameField({ name, onRename }: { name: string; onRename: (name: string) => void }) {
  const [value, setValue] = useState(name);
  const cancelled = useRef(false); // Escape blurs the field too (useShortcuts): do not save then
  const save = () => {
    if (!cancelled.current && value.trim() !== name) onRename(value.trim());
    cancelled.current = false;
  };
  return (
    <label className="inline">
      Name{" "}
      <input
        value={value}
        maxLength={200}
        onChange={(e) => setValue(e.target.value)}
        onBlur={save}
        onKeyDown={(e) => {
          if (e.key === "Enter") e.currentTarget.blur();
          if (e.key === "Escape") {
            cancelled.current = true;
            setValue(name);
          }
        }}
        data-testid="masklet-name"
      />
    </label>
  );
}

interface AutoProps {
  start: JobActions["startAutomasklets"];
  accept: (ids: number[]) => void;
  discard: (ids: number[]) => void;
  /** the frame a proposal was found on (its first frame with a mask), for its thumbnail */
  keyFrame?: (masklet: number) => number | null;
  /** why proposals cannot be started or decided here, or null */
  locked?: string | null;
}

/** Proposals of the automatic masklets job, to accept (as drafts) or discard. */
export function AutoMaskletPanel(p: AutoProps) {
  const { dispatch, masklets, labelMap, jobs, video } = useWorkspace();
  const pending = masklets.filter(isPendingAutoMasklet);
  const running = jobs.filter((j) => j.kind === "automask");
  const locked = p.locked ?? null;
  return (
    <div className="panel" data-testid="auto-panel">
      <div className="section-head">
        <h3>Automatic masklets</h3>
        <button
          onClick={p.start}
          disabled={locked !== null || running.some((j) => j.status === "queued" || j.status === "running")}
          title={locked ? `Read-only: ${locked}` : undefined}
          data-testid="automask"
        >
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
            <button onClick={() => p.accept(pending.map((m) => m.id))} disabled={locked !== null} data-testid="auto-accept-all">
              Accept all ({pending.length})
            </button>
            <button onClick={() => p.discard(pending.map((m) => m.id))} disabled={locked !== null} data-testid="auto-discard-all">
              Discard all
            </button>
          </div>
          <ul className="masklet-list" data-testid="auto-list">
            {pending.map((m) => (
              <li key={m.id} onClick={() => dispatch({ type: "select", masklet: m.id })} data-testid={`auto-${m.id}`}>
                <ProposalThumb masklet={m.id} videoId={video.id} videoWidth={video.width} frame={p.keyFrame?.(m.id) ?? null} color={maskletColor(m, labelMap)} />
                <span className="mname">
                  #{m.number} {m.name}
                </span>
                <button
                  onClick={(e) => {
                    e.stopPropagation();
                    p.accept([m.id]);
                  }}
                  disabled={locked !== null}
                  data-testid={`auto-accept-${m.id}`}
                >
                  Accept
                </button>
                <button
                  className="danger"
                  onClick={(e) => {
                    e.stopPropagation();
                    p.discard([m.id]);
                  }}
                  disabled={locked !== null}
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
