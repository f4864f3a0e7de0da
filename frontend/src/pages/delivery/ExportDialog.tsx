import { useEffect, useState, type FormEvent } from "react";
import { ErrorLine } from "../../components/ErrorPage";
import { asApiError } from "../../hooks";
import type { ApiError } from "../../lib/api";
import { api } from "../../lib/endpoints";
import type { ExportBody, ExportFormat, Job, Label, MaskletStatus, TaskState } from "../../lib/types";

const FORMATS: [ExportFormat, string][] = [
  ["sav", "SA-V JSON"],
  ["coco", "COCO RLE"],
  ["davis", "DAVIS PNG"],
];
const STATUSES: MaskletStatus[] = ["draft", "needs_verification", "verified"];
const TASK_STATES: TaskState[] = ["new", "in_progress", "submitted", "accepted", "rejected"];
const POLL_MS = 500;

function toggle<T>(list: T[], value: T): T[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}

/** Start an export (format, filters), follow its job's progress, then offer the download. */
export function ExportDialog({ projectId, labels, onClose, onStarted }: {
  projectId: number;
  labels: Label[];
  onClose: () => void;
  onStarted: () => void;
}) {
  const [format, setFormat] = useState<ExportFormat>("sav");
  const [statuses, setStatuses] = useState<MaskletStatus[]>([]);
  const [taskStates, setTaskStates] = useState<TaskState[]>([]);
  const [labelIds, setLabelIds] = useState<number[]>([]);
  const [frameStart, setFrameStart] = useState("");
  const [frameEnd, setFrameEnd] = useState("");
  const [jobId, setJobId] = useState<number | null>(null);
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  // The export job runs on the cpu queue; its progress is read from the job until it finishes.
  useEffect(() => {
    if (jobId === null) return;
    let alive = true;
    let timer: number | undefined;
    const poll = async () => {
      try {
        const j = await api.job(jobId);
        if (!alive) return;
        setJob(j);
        if (j.status === "queued" || j.status === "running") timer = window.setTimeout(() => void poll(), POLL_MS);
        else onStarted();
      } catch (e) {
        if (alive) setError(asApiError(e));
      }
    };
    void poll();
    return () => {
      alive = false;
      window.clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [jobId]);

  const start = async (e: FormEvent) => {
    e.preventDefault();
    const body: ExportBody = { format, statuses, task_states: taskStates, labels: labelIds };
    if (frameStart !== "") body.frame_start = Number(frameStart);
    if (frameEnd !== "") body.frame_end = Number(frameEnd);
    try {
      setError(null);
      setJob(null);
      const ref = await api.startExport(projectId, body);
      setJobId(ref.job);
      onStarted();
    } catch (err) {
      setError(asApiError(err));
    }
  };

  const progress = job ? Math.round((job.status === "succeeded" ? 1 : job.progress) * 100) : 0;
  const download = job?.status === "succeeded" ? (job.result as { download_url?: string }).download_url : undefined;
  const running = jobId !== null && (!job || job.status === "queued" || job.status === "running");

  return (
    <div className="overlay" role="dialog" aria-label="Export" data-testid="export-dialog">
      <form className="overlay-card export-dialog" onSubmit={start}>
        <h2>Export</h2>
        <p className="muted">Holds what the project's delivery policy accepts, narrowed by these filters.</p>
        <fieldset>
          <legend>Format</legend>
          {FORMATS.map(([value, name]) => (
            <label key={value}>
              <input type="radio" name="format" value={value} checked={format === value} onChange={() => setFormat(value)} data-testid={`export-format-${value}`} />{" "}
              {name}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Masklet status (none: any the policy accepts)</legend>
          {STATUSES.map((s) => (
            <label key={s}>
              <input type="checkbox" checked={statuses.includes(s)} onChange={() => setStatuses(toggle(statuses, s))} data-testid={`export-status-${s}`} /> {s}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Task state (only frames inside such tasks)</legend>
          {TASK_STATES.map((s) => (
            <label key={s}>
              <input type="checkbox" checked={taskStates.includes(s)} onChange={() => setTaskStates(toggle(taskStates, s))} data-testid={`export-task-${s}`} /> {s}
            </label>
          ))}
        </fieldset>
        {labels.length ? (
          <fieldset>
            <legend>Labels</legend>
            {labels.map((l) => (
              <label key={l.id}>
                <input type="checkbox" checked={labelIds.includes(l.id)} onChange={() => setLabelIds(toggle(labelIds, l.id))} data-testid={`export-label-${l.name}`} /> {l.name}
              </label>
            ))}
          </fieldset>
        ) : null}
        <fieldset>
          <legend>Annotated frames</legend>
          <input type="number" min={0} placeholder="first" value={frameStart} onChange={(e) => setFrameStart(e.target.value)} data-testid="export-frame-start" />
          {" – "}
          <input type="number" min={0} placeholder="last" value={frameEnd} onChange={(e) => setFrameEnd(e.target.value)} data-testid="export-frame-end" />
        </fieldset>
        <ErrorLine error={error} />
        {jobId !== null ? (
          <div className="task-progress" data-testid="export-progress">
            <div className="progress" role="progressbar" aria-valuenow={progress} aria-valuemin={0} aria-valuemax={100}>
              <div className="progress-fill" style={{ width: `${progress}%` }} />
              <span className="progress-text">{progress}%</span>
            </div>
            <span data-testid="export-status">{job?.status ?? "queued"}</span>
          </div>
        ) : null}
        {job?.status === "failed" ? <p className="error" data-testid="export-error">{job.error}</p> : null}
        {download ? (
          <p>
            <a href={download} download data-testid="export-download">
              Download ({format}, {((job?.result as { masklets?: number }).masklets ?? 0)} masklets)
            </a>
          </p>
        ) : null}
        <div className="inline-form">
          <button type="submit" disabled={running} data-testid="export-start">
            {jobId === null ? "Start export" : "Export again"}
          </button>
          <button type="button" onClick={onClose} data-testid="export-close">
            Close
          </button>
        </div>
      </form>
    </div>
  );
}
