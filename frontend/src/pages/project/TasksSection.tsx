import { useState, type FormEvent } from "react";
import { ErrorLine } from "../../components/ErrorPage";
import { TaskProgress } from "../MyTasksPage";
import { asApiError, type Resource } from "../../hooks";
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
  // the server takes only members with these roles (services/tasks.py); offer nobody else
  const withRole = (roles: string[]) => members.filter((m) => roles.includes(m.role)).map((m) => m.user);
  const assignees = dedupe(withRole(["annotator", "manager"]));
  const reviewers = dedupe(withRole(["reviewer", "manager"]));
  const [error, setError] = useState<ApiError | null>(null);

  const remove = async (task: Task) => {
    if (!window.confirm(`Delete task #${task.id} (${task.video_name}, frames ${task.frame_start}–${task.frame_end})? Its masks stay on the video.`)) return;
    try {
      await api.deleteTask(task.id);
      tasks.setData((old) => (old ?? []).filter((t) => t.id !== task.id));
      setError(null);
    } catch (e) {
      setError(asApiError(e));
    }
  };

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
      {isManager ? <CreateTask projectId={projectId} videos={videos} assignees={assignees} reviewers={reviewers} onCreated={() => void tasks.reload()} /> : null}
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
                    <PersonSelect value={t.assignee} people={assignees} onChange={(v) => void reassign(t, "assignee", v)} testId={`task-assignee-${t.id}`} />
                  ) : (
                    t.assignee_name ?? "–"
                  )}
                </td>
                <td>
                  {isManager ? (
                    <PersonSelect value={t.reviewer} people={reviewers} onChange={(v) => void reassign(t, "reviewer", v)} testId={`task-reviewer-${t.id}`} />
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
                  {isManager ? (
                    <button className="link danger" onClick={() => void remove(t)} data-testid={`task-delete-${t.id}`} aria-label={`Delete task ${t.id}`}>
                      Delete
                    </button>
                  ) : null}
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
    <select value={value ?? ""} onChange={(e) => onChange(e.target.value)} data-testid={testId} aria-label={testId.includes("reviewer") ? "Reviewer" : "Assignee"}>
      <option value="">(nobody)</option>
      {people.map((u) => (
        <option key={u.id} value={u.id}>
          {u.username}
        </option>
      ))}
    </select>
  );
}

interface CreateTaskProps {
  projectId: number;
  videos: Video[];
  assignees: User[];
  reviewers: User[];
  onCreated: () => void;
}

function CreateTask({ projectId, videos, assignees, reviewers, onCreated }: CreateTaskProps) {
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
      // a fresh form for the next task
      setVideo("");
      setStart("0");
      setEnd("");
      setAssignee("");
      setReviewer("");
      onCreated();
    } catch (err) {
      setError(asApiError(err));
    }
  };

  return (
    <form className="card inline-form" onSubmit={submit} data-testid="create-task-form" aria-label="New task">
      <label className="field">
        Video
        <select value={video} onChange={(e) => setVideo(e.target.value)} required data-testid="task-video">
          <option value="">Choose a video…</option>
          {ready.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name} ({v.frame_count} frames)
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        First frame
        <input type="number" min={0} value={start} onChange={(e) => setStart(e.target.value)} data-testid="task-frame-start" />
      </label>
      <label className="field">
        Last frame
        <input
          type="number"
          min={0}
          value={end}
          onChange={(e) => setEnd(e.target.value)}
          placeholder={chosen ? `${chosen.frame_count - 1} (the end)` : "the end"}
          data-testid="task-frame-end"
        />
      </label>
      <label className="field">
        Assignee
        <select value={assignee} onChange={(e) => setAssignee(e.target.value)} data-testid="task-assignee">
          <option value="">(nobody)</option>
          {assignees.map((u) => (
            <option key={u.id} value={u.id}>
              {u.username}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        Reviewer
        <select value={reviewer} onChange={(e) => setReviewer(e.target.value)} data-testid="task-reviewer">
          <option value="">(nobody)</option>
          {reviewers.map((u) => (
            <option key={u.id} value={u.id}>
              {u.username}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="primary" data-testid="create-task" disabled={!chosen}>
        Create task
      </button>
      <ErrorLine error={error} />
    </form>
  );
}
