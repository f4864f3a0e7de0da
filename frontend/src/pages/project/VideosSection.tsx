import { useEffect, useRef, useState } from "react";
import { ErrorLine, ProgressBar } from "../../components/ErrorPage";
import { asApiError, useInterval, type Resource } from "../../hooks";
import type { ApiError } from "../../lib/api";
import { api } from "../../lib/endpoints";
import type { Job, Video } from "../../lib/types";
import { Link } from "../../router";
import { ingestState } from "./ingestStatus";
import type { PushedJob } from "./useProjectLive";

interface Upload {
  id: number;
  name: string;
  progress: number;
  error: ApiError | null;
  done: boolean;
}

interface Props {
  projectId: number;
  videos: Resource<Video[]>;
  canUpload: boolean;
  /** ingest jobs as the project's live channel reported them (useProjectLive), by job id */
  pushed?: Record<number, PushedJob>;
}

export function VideosSection({ projectId, videos, canUpload, pushed = {} }: Props) {
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [deleteError, setDeleteError] = useState<ApiError | null>(null);
  const remove = async (v: Video) => {
    const what = v.status === "failed" ? `the failed upload "${v.name}"` : `the video "${v.name}" with its objects, masks and tasks`;
    if (!window.confirm(`Delete ${what}? Exports already made stay downloadable.`)) return;
    try {
      await api.deleteVideo(v.id);
      videos.setData((old) => (old ?? []).filter((x) => x.id !== v.id));
      setDeleteError(null);
    } catch (e) {
      setDeleteError(asApiError(e));
    }
  };
  const [jobs, setJobs] = useState<Record<number, Job>>({});
  const fileRef = useRef<HTMLInputElement>(null);
  const uploadSeq = useRef(0);
  const list = videos.data ?? [];
  const ingesting = list.filter((v) => v.status === "processing" || v.status === "uploaded");

  // ingest progress: poll the ingest jobs while any video is processing
  const poll = async () => {
    const ids = ingesting.map((v) => v.job).filter((j): j is number => j != null);
    const got = await Promise.all(ids.map((id) => api.job(id).catch(() => null)));
    const next: Record<number, Job> = {};
    for (const j of got) if (j) next[j.id] = j;
    setJobs((old) => ({ ...old, ...next }));
    if (got.some((j) => j && j.status !== "queued" && j.status !== "running")) void videos.reload();
  };
  useInterval(() => void poll(), 1500, ingesting.length > 0);
  useInterval(() => void videos.reload(), 5000, ingesting.length > 0);
  useEffect(() => {
    if (ingesting.length > 0) void poll();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ingesting.length]);

  const startUpload = (files: FileList | null) => {
    if (!files) return;
    for (const file of Array.from(files)) {
      const id = ++uploadSeq.current;
      setUploads((u) => [...u, { id, name: file.name, progress: 0, error: null, done: false }]);
      const update = (patch: Partial<Upload>) => setUploads((u) => u.map((x) => (x.id === id ? { ...x, ...patch } : x)));
      const h = api.uploadVideo(projectId, file, (p) => update({ progress: p }));
      h.promise
        .then(() => {
          update({ done: true, progress: 1 });
          void videos.reload();
        })
        .catch((e: unknown) => update({ error: asApiError(e) }));
    }
    if (fileRef.current) fileRef.current.value = "";
  };

  return (
    <section data-testid="videos-section">
      <div className="section-head">
        <h2>Videos</h2>
        {canUpload ? (
          <label className="button">
            Upload videos
            <input
              ref={fileRef}
              type="file"
              multiple
              accept="video/*,.zip,.mp4,.webm,.mov,.mkv,.avi"
              data-testid="upload-input"
              onChange={(e) => startUpload(e.target.files)}
              hidden
            />
          </label>
        ) : null}
      </div>
      {uploads.length > 0 ? (
        <ul className="uploads" data-testid="uploads">
          {uploads.map((u) => (
            <li key={u.id} data-testid="upload-row">
              <span>{u.name}</span>
              <ProgressBar value={u.progress} testId="upload-progress" label={`Uploading ${u.name}`} />
              {u.done ? <span className="ok">uploaded</span> : null}
              <ErrorLine error={u.error} />
            </li>
          ))}
        </ul>
      ) : null}
      <ErrorLine error={videos.error ?? deleteError} />
      {list.length === 0 ? (
        <p className="muted">No videos yet.</p>
      ) : (
        <table className="table" data-testid="video-table">
          <thead>
            <tr>
              <th />
              <th>Name</th>
              <th>Status</th>
              <th>Frames</th>
              <th>Size</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.map((v) => {
              const live = v.job != null ? pushed[v.job] : undefined;
              // a pushed progress is newer than the last poll while the job runs
              const job = live && live.status === "running" ? { ...live, queue_position: null } : v.job != null ? jobs[v.job] : undefined;
              const ingest = ingestState(v, job);
              return (
                <tr key={v.id} data-testid={`video-row-${v.id}`} data-status={v.status} data-ingest={ingest.phase}>
                  <td className="thumb">{v.thumbnail_url && v.status === "ready" ? <img src={v.thumbnail_url} alt="" /> : null}</td>
                  <td>{v.name}</td>
                  <td>
                    <span
                      className={`badge vstatus-${v.status}${ingest.phase === "queued" ? " job-queued" : ""}`}
                      data-testid="video-status"
                      title={ingest.phase === "queued" ? "Waiting for the ingest worker behind other uploads, exports and imports" : undefined}
                    >
                      {ingest.label}
                    </span>
                    {ingest.phase === "processing" ? <ProgressBar value={ingest.progress} testId="ingest-progress" label="Ingest" /> : null}
                    {v.status === "failed" && v.error ? <div className="error-line">{v.error}</div> : null}
                  </td>
                  <td>{v.status === "ready" ? v.frame_count : "–"}</td>
                  <td>{v.width ? `${v.width}×${v.height}` : "–"}</td>
                  <td>
                    {v.status === "ready" ? (
                      <Link to={`/videos/${v.id}`} data-testid={`open-video-${v.id}`}>
                        Annotate
                      </Link>
                    ) : null}
                    {canUpload ? (
                      <button className="link danger" onClick={() => void remove(v)} data-testid={`video-delete-${v.id}`} aria-label={`Delete ${v.name}`}>
                        Delete
                      </button>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
