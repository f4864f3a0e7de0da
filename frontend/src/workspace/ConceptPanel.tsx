import { useState } from "react";
import { ProgressBar } from "../components/ErrorPage";
import { isJobActive, isPendingConceptMasklet } from "../lib/types";
import { useWorkspace } from "./context";
import type { JobActions } from "./useJobActions";
import { maskletColor } from "./useMaskLayer";
import { ProposalThumb } from "./ProposalThumb";

interface Props {
  jobs: Pick<JobActions, "startConcept" | "conceptRange" | "cancel">;
  accept: (ids: number[]) => void;
  discard: (ids: number[]) => void;
  /** the frame a proposal was found on (its first frame with a mask), for its thumbnail */
  keyFrame?: (masklet: number) => number | null;
  /** why concept jobs cannot be started or their proposals decided here, or null */
  locked?: string | null;
}

/**
 * "Find all…": a text prompt (a noun phrase) whose every instance over my task's frames becomes a
 * proposal (a concept job, on the model the operator maps to the concept role); proposals are
 * listed with their text, to accept (as drafts) or discard, as automatic masklets are.
 */
export function ConceptPanel({ jobs, accept, discard, keyFrame, locked = null }: Props) {
  const { dispatch, masklets, labelMap, jobs: tracked, video } = useWorkspace();
  const [text, setText] = useState("");
  const pending = masklets.filter(isPendingConceptMasklet);
  const running = tracked.filter((j) => j.kind === "concept");
  const busy = running.some(isJobActive);
  const [first, last] = jobs.conceptRange;
  const submit = async () => {
    const phrase = text.trim();
    if (!phrase || busy || locked) return;
    if (await jobs.startConcept(phrase)) setText("");
  };
  return (
    <div className="panel" data-testid="concept-panel">
      <h3>Find all…</h3>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <input
          value={text}
          maxLength={200}
          placeholder="a noun phrase, e.g. red car"
          onChange={(e) => setText(e.target.value)}
          title={`every instance in frames ${first}–${last} becomes a proposal`}
          data-testid="concept-text"
        />
        <button type="submit" disabled={locked !== null || busy || !text.trim()} title={locked ? `Read-only: ${locked}` : undefined} data-testid="concept-start">
          Find all
        </button>
      </form>
      <p className="muted">
        Frames {first}–{last}
      </p>
      {running.map((j) => (
        <div key={j.id} className="job-row" data-testid="concept-job" data-status={j.status}>
          <ProgressBar value={j.progress} testId="concept-progress" label="Find all" />
          <span className={`badge job-${j.status}`}>{j.status}</span>
          {isJobActive(j) ? (
            <button onClick={() => jobs.cancel(j.id)} data-testid="concept-cancel">
              Cancel
            </button>
          ) : null}
          {j.error ? <div className="error-line">{j.error}</div> : null}
        </div>
      ))}
      {pending.length > 0 ? (
        <>
          <div className="inline-form">
            <button onClick={() => accept(pending.map((m) => m.id))} disabled={locked !== null} data-testid="concept-accept-all">
              Accept all ({pending.length})
            </button>
            <button onClick={() => discard(pending.map((m) => m.id))} disabled={locked !== null} data-testid="concept-discard-all">
              Discard all
            </button>
          </div>
          <ul className="masklet-list" data-testid="concept-list">
            {pending.map((m) => (
              <li key={m.id} onClick={() => dispatch({ type: "select", masklet: m.id })} data-testid={`concept-${m.id}`}>
                <ProposalThumb masklet={m.id} videoId={video.id} videoWidth={video.width} frame={keyFrame?.(m.id) ?? null} color={maskletColor(m, labelMap)} />
                <span className="mname">
                  #{m.number} <q data-testid={`concept-text-${m.id}`}>{m.concept}</q>
                </span>
                <button
                  onClick={(e) => {
                    e.stopPropagation();
                    accept([m.id]);
                  }}
                  disabled={locked !== null}
                  data-testid={`concept-accept-${m.id}`}
                >
                  Accept
                </button>
                <button
                  className="danger"
                  onClick={(e) => {
                    e.stopPropagation();
                    discard([m.id]);
                  }}
                  disabled={locked !== null}
                  data-testid={`concept-discard-${m.id}`}
                >
                  Discard
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : running.length === 0 ? (
        <p className="muted">No text proposals waiting.</p>
      ) : null}
    </div>
  );
}
