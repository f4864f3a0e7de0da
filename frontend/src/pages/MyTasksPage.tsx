import { ErrorPage, Loading, ProgressBar } from "../components/ErrorPage";
import { useAuth, useResource } from "../hooks";
import { api } from "../lib/endpoints";
import type { Task } from "../lib/types";
import { Link } from "../router";

export function MyTasksPage() {
  const tasks = useResource(() => api.myTasks(), []);
  if (tasks.error) return <ErrorPage error={tasks.error} />;
  if (!tasks.data) return <Loading what="Loading your tasks" />;
  return (
    <div className="page">
      <h1>My tasks</h1>
      <TaskTable tasks={tasks.data} testId="my-queue" />
    </div>
  );
}

/** Annotated frames of the task's range (frames where some masklet has a mask), and its object count. */
export function TaskProgress({ task }: { task: Task }) {
  const value = task.frame_total > 0 ? task.annotated_frames / task.frame_total : 0;
  return (
    <span className="task-progress" data-testid="task-progress" title={`${task.annotated_frames} of ${task.frame_total} frames annotated`}>
      <ProgressBar value={value} label={`${task.annotated_frames} of ${task.frame_total} frames annotated`} />
      {task.masklet_count != null ? <small className="muted">{task.masklet_count} objects</small> : null}
    </span>
  );
}

/** Tasks where I'm assignee (annotate) or reviewer (review), each opening the workspace. */
export function TaskTable({ tasks, testId }: { tasks: Task[]; testId: string }) {
  const { user } = useAuth();
  if (tasks.length === 0) return <p className="muted" data-testid={testId}>Nothing in your queue.</p>;
  return (
    <table className="table" data-testid={testId}>
      <thead>
        <tr>
          <th>Video</th>
          <th>Frames</th>
          <th>My part</th>
          <th>State</th>
          <th>Progress</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {tasks.map((t) => {
          const role = t.reviewer === user?.id ? "review" : "annotate";
          return (
            <tr key={t.id} data-testid={`queue-task-${t.id}`}>
              <td>{t.video_name}</td>
              <td>
                {t.frame_start}–{t.frame_end}
              </td>
              <td>{role}</td>
              <td>
                <span className={`badge state-${t.state}`}>{t.state.replace("_", " ")}</span>
              </td>
              <td className="narrow">
                <TaskProgress task={t} />
              </td>
              <td>
                <Link to={`/tasks/${t.id}`} data-testid={`open-task-${t.id}`}>
                  Open
                </Link>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
