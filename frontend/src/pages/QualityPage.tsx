import { useState } from "react";
import { ErrorPage, Loading } from "../components/ErrorPage";
import { asApiError, useResource } from "../hooks";
import { api } from "../lib/endpoints";
import type { QualityReport, Video } from "../lib/types";
import { Link } from "../router";

type Summary = QualityReport["overall"];

function num(v: number | null): string {
  return v == null ? "—" : v.toFixed(1);
}

function SummaryCells({ s }: { s: Summary }) {
  return (
    <>
      <td data-testid="cell-jf">{num(s.jf)}</td>
      <td>{num(s.j)}</td>
      <td>{num(s.f)}</td>
      <td>{s.objects}</td>
      <td>{s.matched}</td>
      <td>{s.missed}</td>
      <td>{s.extra}</td>
    </>
  );
}

const SUMMARY_HEAD = ["J&F", "J", "F", "GT objects", "matched", "missed", "extra"];

/**
 * Quality of a project: the review queue (masklets with automated QA flags, riskiest first), the
 * ground-truth videos, and the quality report (annotators' masklets matched to ground truth and
 * scored with video J&F) per annotator, task and video.
 */
export function QualityPage({ projectId }: { projectId: number }) {
  const project = useResource(() => api.project(projectId), [projectId]);
  const videos = useResource(() => api.videos(projectId), [projectId]);
  const queue = useResource(() => api.reviewQueue(projectId), [projectId]);
  const canReport = project.data?.my_role === "manager" || project.data?.my_role === "reviewer";
  const report = useResource(() => (canReport ? api.qualityReport(projectId) : Promise.resolve(null)), [projectId, canReport]);
  const isManager = project.data?.my_role === "manager";

  if (project.error) return <ErrorPage error={project.error} />;
  if (!project.data) return <Loading what="Loading quality" />;
  return (
    <div className="page" data-testid="quality-page">
      <div className="section-head">
        <h1>Quality · {project.data.name}</h1>
        <Link to={`/projects/${projectId}`}>← project</Link>
      </div>

      <section>
        <h2>Review queue</h2>
        <p className="muted">Objects the automated checks flagged, riskiest first (risk: flagged frames summed over the flags).</p>
        {queue.error ? <p className="error">{queue.error.message}</p> : null}
        {queue.data && queue.data.length === 0 ? <p className="muted">Nothing flagged.</p> : null}
        {queue.data && queue.data.length > 0 ? (
          <table className="table" data-testid="review-queue">
            <thead>
              <tr>
                <th>risk</th>
                <th>object</th>
                <th>video</th>
                <th>status</th>
                <th>flags</th>
              </tr>
            </thead>
            <tbody>
              {queue.data.map((q) => (
                <tr key={q.masklet} data-testid="review-queue-row">
                  <td>{q.risk}</td>
                  <td>
                    #{q.number} {q.name}
                  </td>
                  <td>
                    <Link to={`/videos/${q.video}`}>{q.video_name}</Link>
                  </td>
                  <td>{q.status.replace("_", " ")}</td>
                  <td>
                    {q.flag_count}: {q.kinds.join(", ")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>

      {isManager && videos.data ? <GroundTruthSection videos={videos.data} onChange={() => void report.reload()} /> : null}

      {canReport ? (
        <section>
          <h2>Quality report</h2>
          <p className="muted">
            Annotators' objects on ground-truth videos, matched to the ground truth by the Hungarian assignment on J&F and scored
            with the official SA-V protocol (within a task: its frames). Missed objects score 0; extra objects are counted.
          </p>
          {report.error ? <p className="error">{report.error.message}</p> : null}
          {report.data ? <ReportTables report={report.data} /> : <Loading what="Scoring" />}
        </section>
      ) : null}
    </div>
  );
}

function ReportTables({ report }: { report: QualityReport }) {
  if (report.groups.length === 0) return <p className="muted" data-testid="quality-empty">No annotator work on ground-truth videos yet.</p>;
  return (
    <>
      <table className="table" data-testid="quality-overall">
        <thead>
          <tr>
            <th>project</th>
            {SUMMARY_HEAD.map((h) => (
              <th key={h}>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>overall</td>
            <SummaryCells s={report.overall} />
          </tr>
        </tbody>
      </table>
      <h3>Per annotator</h3>
      <table className="table" data-testid="quality-annotators">
        <thead>
          <tr>
            <th>annotator</th>
            {SUMMARY_HEAD.map((h) => (
              <th key={h}>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {report.annotators.map((a) => (
            <tr key={a.annotator ?? 0} data-testid="quality-annotator-row">
              <td>{a.annotator_name || "(unknown)"}</td>
              <SummaryCells s={a} />
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Per task and video</h3>
      <table className="table" data-testid="quality-groups">
        <thead>
          <tr>
            <th>video</th>
            <th>task</th>
            <th>annotator</th>
            <th>frames</th>
            {SUMMARY_HEAD.map((h) => (
              <th key={h}>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {report.groups.map((g) => (
            <tr key={`${g.video}-${g.annotator}-${g.task}`}>
              <td>
                <Link to={`/videos/${g.video}`}>{g.video}</Link>
              </td>
              <td>{g.task ?? "—"}</td>
              <td>{g.annotator_name || "(unknown)"}</td>
              <td>
                {g.frame_start}–{g.frame_end}
              </td>
              <SummaryCells s={g} />
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function GroundTruthSection({ videos, onChange }: { videos: Video[]; onChange: () => void }) {
  const [marked, setMarked] = useState<Record<number, boolean>>({});
  const [error, setError] = useState<string | null>(null);
  const truths = useResource(
    () =>
      Promise.all(
        videos.map((v) =>
          api.groundTruth(v.id).then((t) => [v.id, t.masklets.length] as const),
        ),
      ),
    [videos],
  );
  const count = new Map(truths.data ?? []);
  const act = async (video: number, mark: boolean) => {
    setError(null);
    try {
      if (mark) await api.markGroundTruth(video);
      else await api.unmarkGroundTruth(video);
      setMarked((m) => ({ ...m, [video]: mark }));
      await truths.reload();
      onChange();
    } catch (e) {
      setError(asApiError(e).message);
    }
  };
  return (
    <section>
      <h2>Ground truth</h2>
      <p className="muted">
        Marking a video takes its objects as they are now as ground truth; objects annotators make on it afterwards are scored against
        them. Mark again to take the current objects.
      </p>
      {error ? <p className="error">{error}</p> : null}
      <table className="table" data-testid="ground-truth-videos">
        <tbody>
          {videos.map((v) => {
            const n = count.get(v.id) ?? 0;
            const isMarked = marked[v.id] ?? n > 0;
            return (
              <tr key={v.id}>
                <td>{v.name}</td>
                <td>{isMarked ? `ground truth (${n} objects)` : "—"}</td>
                <td>
                  <button onClick={() => void act(v.id, true)} data-testid={`mark-gt-${v.id}`}>
                    {isMarked ? "Mark again" : "Mark as ground truth"}
                  </button>
                  {isMarked ? (
                    <button className="danger" onClick={() => void act(v.id, false)} data-testid={`unmark-gt-${v.id}`}>
                      Unmark
                    </button>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
