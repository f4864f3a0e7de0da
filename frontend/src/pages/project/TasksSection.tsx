import { useState, type FormEvent } from "react";
import { ErrorLine } from "../../components/ErrorPage";
import { TaskProgress } from "../MyTasksPage";
import { asApiError, useResource, type Resource } from "../../hooks";
import type { ApiError } from "../../lib/api";
import { api } from "../../lib/endpoints";
import type { Membership, Task, User, Video } from "../../lib/types";
import { Link } from "../../router";

interface Props {
  projectId: number;
  tasks: Resource<Task[]>;
  videos: Video[];
  members: Membership[];
  isManager: boolean;
}

export function TasksSection({ projectId, tasks, videos, members, isManager }: Props) {
  const users = useResource<User[]>(() => (isManager ? api.users() : Promise.resolve([])), [isManager]);
  // assignees: project members first, then people who share another project with the manager (GET /api/users/)
  const people: User[] = dedupe([...members.map((m) => m.user), ...(users.data ?? [])]);
  const [error, setError] = useState<ApiError | null>(null);

  const reassign = async (task: Task, field: "assignee" | "reviewer", value: string) => {
    try {
      const updated = await api.patchTask(task.id, { [field]: value ? Number(value) : null });
      tasks.setData((old) => (old ?? []).map((t) => (t.id === task.id ? { ...t, ...updated } : t)));
      setError(null);
    } catch (e) {
      setError(asApiError(e));
    }
  };

  return (
    <section data-testid="tasks-section">
      <h2>Tasks</h2>
      {isManager ? <CreateTask projectId={projectId} videos={videos} people={people} onCreated={() => void tasks.reload()} /> : null}
      <ErrorLine error={tasks.error ?? error} />
      {(tasks.data ?? []).length === 0 ? (
        <p className="muted">No tasks.</p>
      ) : (
        <table className="table" data-testid="task-table">
          <thead>
            <tr>
              <th>#</th>
              <th>Video</th>
              <th>Frames</th>
              <th>Assignee</th>
              <th>Reviewer</th>
              <th>State</th>
              <th>Progress</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {(tasks.data ?? []).map((t) => (
              <tr key={t.id} data-testid={`task-row-${t.id}`}>
                <td>{t.id}</td>
                <td>{t.video_name}</td>
                <td>
                  {t.frame_start}–{t.frame_end}
                </td>
                <td>
                  {isManager ? (
                    <PersonSelect value={t.assignee} people={people} onChange={(v) => void reassign(t, "assignee", v)} testId={`task-assignee-${t.id}`} />
                  ) : (
                    t.assignee_name ?? "–"
                  )}
                </td>
                <td>
                  {isManager ? (
                    <PersonSelect value={t.reviewer} people={people} onChange={(v) => void reassign(t, "reviewer", v)} testId={`task-reviewer-${t.id}`} />
                  ) : (
                    t.reviewer_name ?? "–"
                  )}
                </td>
                <td>
                  <span className={`badge state-${t.state}`} data-testid="task-state">
                    {t.state.replace("_", " ")}
                  </span>
                </td>
                <td className="narrow">
                  <TaskProgress task={t} />
                </td>
                <td>
                  <Link to={`/tasks/${t.id}`}>Open</Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function dedupe(users: User[]): User[] {
  const seen = new Set<number>();
  return users.filter((u) => (seen.has(u.id) ? false : (seen.add(u.id), true)));
}

function PersonSelect({ value, people, onChange, testId }: { value: number | null; people: User[]; onChange: (v: string) => void; testId: string }) {
  return (
    <select value={value ?? ""} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
      <option value="">(nobody)</option>
      {people.map((u) => (
        <option key={u.id} value={u.id}>
          {u.username}
        </option>
      ))}
    </select>
  );
}

function CreateTask({ projectId, videos, people, onCreated }: { projectId: number; videos: Video[]; people: User[]; onCreated: () => void }) {
  const ready = videos.filter((v) => v.status === "ready");
  const [video, setVideo] = useState("");
  const [start, setStart] = useState("0");
  const [end, setEnd] = useState("");
  const [assignee, setAssignee] = useState("");
  const [reviewer, setReviewer] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const chosen = ready.find((v) => String(v.id) === video);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!chosen) return;
    try {
      await api.createTask(projectId, {
        video: chosen.id,
        frame_start: Number(start || 0),
        frame_end: end === "" ? chosen.frame_count - 1 : Number(end),
        assignee: assignee ? Number(assignee) : null,
        reviewer: reviewer ? Number(reviewer) : null,
      });
      setError(null);
      onCreated();
    } catch (err) {
      setError(asApiError(err));
    }
  };

  return (
    <form className="card inline-form" onSubmit={submit} data-testid="create-task-form">
      <select value={video} onChange={(e) => setVideo(e.target.value)} required data-testid="task-video">
        <option value="">Video…</option>
        {ready.map((v) => (
          <option key={v.id} value={v.id}>
            {v.name} ({v.frame_count} frames)
          </option>
        ))}
      </select>
      <input type="number" min={0} value={start} onChange={(e) => setStart(e.target.value)} placeholder="first frame" data-testid="task-frame-start" title="first frame" />
      <input
        type="number"
        min={0}
        value={end}
        onChange={(e) => setEnd(e.target.value)}
        placeholder={chosen ? `last frame (${chosen.frame_count - 1})` : "last frame"}
        data-testid="task-frame-end"
        title="last frame"
      />
      <select value={assignee} onChange={(e) => setAssignee(e.target.value)} data-testid="task-assignee">
        <option value="">Assignee…</option>
        {people.map((u) => (
          <option key={u.id} value={u.id}>
            {u.username}
          </option>
        ))}
      </select>
      <select value={reviewer} onChange={(e) => setReviewer(e.target.value)} data-testid="task-reviewer">
        <option value="">Reviewer…</option>
        {people.map((u) => (
          <option key={u.id} value={u.id}>
            {u.username}
          </option>
        ))}
      </select>
      <button type="submit" className="primary" data-testid="create-task" disabled={!chosen}>
        Create task
      </button>
      <ErrorLine error={error} />
    </form>
  );
}
