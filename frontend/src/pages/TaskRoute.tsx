import { ErrorPage, Loading } from "../components/ErrorPage";
import { Layout } from "../components/Layout";
import { useResource } from "../hooks";
import { api } from "../lib/endpoints";
import { WorkspacePage } from "../workspace/WorkspacePage";

/** /tasks/{id}: the workspace of the task's video, limited to and starting at its frames. */
export function TaskRoute({ taskId }: { taskId: number }) {
  const task = useResource(() => api.task(taskId), [taskId]);
  if (task.error)
    return (
      <Layout>
        <ErrorPage error={task.error} />
      </Layout>
    );
  if (!task.data) return <Loading what="Loading task" />;
  return <WorkspacePage videoId={task.data.video} taskId={taskId} />;
}
