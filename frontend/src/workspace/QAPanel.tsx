import type { QAFlag, QAFlagKind } from "../lib/types";
import { useWorkspace } from "./context";

export interface QAPanelProps {
  flags: QAFlag[];
  onShow: (flag: QAFlag) => void;
}

/** What each automated check found, in words (annotation/evaluation/qa.py defines them). */
const KIND_LABELS: Record<QAFlagKind, string> = {
  temporal: "jumps between frames",
  area_jump: "area jumps",
  fragmentation: "breaks into pieces",
  flicker: "vanishes and returns",
  overlap: "overlaps another object",
  low_score: "low model score",
  tiny: "tiny mask",
};

function describe(flag: QAFlag): string {
  switch (flag.kind) {
    case "temporal":
      return `IoU ${flag.value.toFixed(2)}`;
    case "area_jump":
      return `×${flag.value.toFixed(1)}`;
    case "fragmentation":
      return `${flag.value} pieces`;
    case "flicker":
      return `gone ${flag.value} frame${flag.value === 1 ? "" : "s"}`;
    case "overlap":
      return `${Math.round(flag.value * 100)}% shared`;
    case "low_score":
      return `score ${flag.value.toFixed(2)}`;
    case "tiny":
      return `${flag.value} px`;
  }
}

/** The video's automated QA flags; a click selects the object and shows the flag's first frame. */
export function QAPanel({ flags, onShow }: QAPanelProps) {
  const { state } = useWorkspace();
  return (
    <div className="panel" data-testid="qa-panel">
      <h3>
        Automated QA <span className="muted">({flags.length})</span>
      </h3>
      {flags.length === 0 ? (
        <p className="muted">No flags: the checks found nothing unusual.</p>
      ) : (
        <ul className="qa-flags">
          {flags.map((f) => (
            <li key={f.id} className={state.selected === f.masklet ? "selected" : undefined}>
              <button className="link" onClick={() => onShow(f)} data-testid="qa-flag" data-kind={f.kind}>
                #{f.masklet_number} {KIND_LABELS[f.kind]} · frames {f.frame_start}
                {f.frame_end !== f.frame_start ? `–${f.frame_end}` : ""} · {describe(f)}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
