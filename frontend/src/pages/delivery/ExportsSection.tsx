import { useState } from "react";
import { ErrorLine } from "../../components/ErrorPage";
import { useResource } from "../../hooks";
import { api } from "../../lib/endpoints";
import type { ExportRecord, Label } from "../../lib/types";
import { Link } from "../../router";
import { ExportDialog } from "./ExportDialog";

export function formatBytes(n: number | null): string {
  if (n === null) return "–";
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

/** "statuses: verified; frames 2–9" from an export's recorded filters. */
export function describeFilters(filters: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const key of ["statuses", "task_states", "labels", "videos"]) {
    const v = filters[key];
    if (Array.isArray(v) && v.length) parts.push(`${key.replace("_", " ")}: ${v.join(", ")}`);
  }
  if (filters.only_verified) parts.push("only verified");
  const start = filters.frame_start as number | null | undefined;
  const end = filters.frame_end as number | null | undefined;
  if (start != null || end != null) parts.push(`frames ${start ?? 0}–${end ?? "end"}`);
  return parts.join("; ") || "none";
}

/** Managers: the Export dialog and the project's past exports (who, when, what, size, download). */
export function ExportsSection({ projectId, labels }: { projectId: number; labels: Label[] }) {
  const exports = useResource(() => api.exports(projectId), [projectId]);
  const [open, setOpen] = useState(false);

  return (
    <section data-testid="exports-section">
      <div className="section-head">
        <h2>Exports</h2>
        <button type="button" onClick={() => setOpen(true)} data-testid="open-export">
          Export…
        </button>
        <Link to={`/projects/${projectId}/webhooks`} data-testid="webhooks-link">
          Webhooks
        </Link>
      </div>
      <ErrorLine error={exports.error} />
      {(exports.data ?? []).length === 0 ? (
        <p className="muted">No exports yet.</p>
      ) : (
        <table className="table" data-testid="export-table">
          <thead>
            <tr>
              <th>When</th>
              <th>Who</th>
              <th>Format</th>
              <th>Policy</th>
              <th>Filters</th>
              <th>Masklets</th>
              <th>Size</th>
              <th>State</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {(exports.data ?? []).map((x: ExportRecord) => (
              <tr key={x.id} data-testid={`export-row-${x.job}`}>
                <td>{new Date(x.created_at).toLocaleString()}</td>
                <td>{x.created_by ?? "–"}</td>
                <td>{x.format}</td>
                <td>{x.policy}</td>
                <td>{describeFilters(x.filters as Record<string, unknown>)}</td>
                <td>{x.masklet_count ?? "–"}</td>
                <td>{formatBytes(x.size_bytes)}</td>
                <td>
                  {x.expired ? "expired" : x.status}
                  {!x.expired && x.expires_at ? <div className="muted">expires {new Date(x.expires_at).toLocaleDateString()}</div> : null}
                </td>
                <td>{x.download_url ? <a href={x.download_url} download>Download</a> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {open ? (
        <ExportDialog projectId={projectId} labels={labels} onClose={() => setOpen(false)} onStarted={() => void exports.reload()} />
      ) : null}
    </section>
  );
}
