import { BarChart, TimeSeriesChart } from "../../components/charts";
import { ErrorPage, Loading } from "../../components/ErrorPage";
import { useResource } from "../../hooks";
import { api } from "../../lib/endpoints";
import type { EffortGroup, EffortRow } from "../../lib/types";
import { Link } from "../../router";

const GROUPS: EffortGroup[] = ["annotator", "task", "day", "project"];

/** Effort analytics of a project: a manager sees everyone, anyone else their own work (the API decides). */
export function EffortPage({ projectId }: { projectId: number }) {
  const project = useResource(() => api.project(projectId), [projectId]);
  const byDay = useResource(() => api.effort(projectId, "day"), [projectId]);
  const byAnnotator = useResource(() => api.effort(projectId, "annotator"), [projectId]);
  const fatal = project.error ?? byDay.error ?? byAnnotator.error;
  if (fatal) return <ErrorPage error={fatal} />;
  if (!project.data || !byDay.data || !byAnnotator.data) return <Loading what="Loading effort" />;
  const days = byDay.data.rows;
  const people = byAnnotator.data.rows;
  const own = byAnnotator.data.scope === "own";
  return (
    <div className="page" data-testid="effort-page">
      <div className="section-head">
        <h1>Effort — {project.data.name}</h1>
        <Link to={`/projects/${projectId}`}>Back to the project</Link>
      </div>
      <p className="muted">
        {own ? "Your own work. " : ""}Active time counts the gaps between a person's interactions (clicks, edits,
        propagations, frames viewed), leaving out pauses over 60 s. Annotated frames are the masklet frames made by hand or by
        propagation.
      </p>
      {people.length === 0 ? (
        <p className="muted" data-testid="effort-empty">
          No interactions recorded yet.
        </p>
      ) : (
        <>
          <div className="two-col">
            <TimeSeriesChart
              testId="effort-days"
              title="Active minutes per day"
              unit="min"
              data={days.map((d) => ({ label: d.label, value: d.active_seconds / 60 }))}
            />
            <TimeSeriesChart
              testId="effort-days-frames"
              title="Annotated frames per day"
              unit="frames"
              data={days.map((d) => ({ label: d.label, value: d.annotated_frames }))}
            />
          </div>
          <div className="two-col">
            <BarChart
              testId="effort-annotators"
              title="Active seconds per annotated frame"
              unit="s"
              data={people.map((p) => ({ label: p.label, value: p.seconds_per_frame }))}
            />
            <BarChart
              testId="effort-clicks"
              title="Clicks per masklet"
              unit="clicks"
              data={people.map((p) => ({ label: p.label, value: p.clicks_per_masklet }))}
            />
          </div>
          <EffortTable rows={people} />
        </>
      )}
      <p data-testid="effort-downloads">
        Download:{" "}
        {GROUPS.map((g) => (
          <span key={g}>
            {g} <a href={api.effortDownloadUrl(projectId, g, "csv")} download data-testid={`effort-csv-${g}`}>CSV</a> ·{" "}
            <a href={api.effortDownloadUrl(projectId, g, "json")} target="_blank" rel="noreferrer">JSON</a>{"  "}
          </span>
        ))}
      </p>
    </div>
  );
}

function EffortTable({ rows }: { rows: EffortRow[] }) {
  return (
    <table className="table" data-testid="effort-table">
      <thead>
        <tr>
          <th>Annotator</th>
          <th>Active</th>
          <th>Frames (hand / propagated)</th>
          <th>s per frame</th>
          <th>Clicks</th>
          <th>Corrections</th>
          <th>Masklets</th>
          <th>Clicks per masklet</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={String(r.key)} data-testid={`effort-row-${r.label}`}>
            <td>{r.label}</td>
            <td>{(r.active_seconds / 60).toFixed(1)} min</td>
            <td>
              {r.annotated_frames} ({r.hand_frames} / {r.propagated_frames})
            </td>
            <td>{r.seconds_per_frame ?? "–"}</td>
            <td>{r.clicks}</td>
            <td>{r.corrections}</td>
            <td>{r.masklets}</td>
            <td>{r.clicks_per_masklet ?? "–"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
