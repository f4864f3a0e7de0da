import { ErrorPage, Loading } from "../components/ErrorPage";
import { Layout } from "../components/Layout";
import { useAuth, useResource } from "../hooks";
import { api } from "../lib/endpoints";
import type { Task } from "../lib/types";
import { Workspace } from "./Workspace";

/** Loads what the workspace needs and shows a clear page for any failure. */
export function WorkspacePage({ videoId, taskId }: { videoId: number; taskId: number | null }) {
  const { user } = useAuth();
  const video = useResource(() => api.video(videoId), [videoId]);
  const projectId = video.data?.project ?? null;
  const project = useResource(() => (projectId != null ? api.project(projectId) : Promise.resolve(null)), [projectId]);
  const labels = useResource(() => (projectId != null ? api.labels(projectId) : Promise.resolve([])), [projectId]);
  const masklets = useResource(() => api.masklets(videoId), [videoId]);
  const task = useResource<Task | null>(() => (taskId != null ? api.task(taskId) : Promise.resolve(null)), [taskId]);
  const status = useResource(() => api.status(), []);

  const fatal = video.error ?? masklets.error ?? project.error ?? task.error;
  if (fatal)
    return (
      <Layout>
        <ErrorPage error={fatal} />
      </Layout>
    );
  if (!video.data || !masklets.data || project.data === undefined || task.data === undefined || !labels.data)
    return <Loading what="Opening the workspace" />;
  const v = video.data;
  if (v.status !== "ready")
    return (
      <Layout>
        <div className="error-page" data-testid="video-not-ready">
          <h1>This video is not ready</h1>
          <p>Status: {v.status}. {v.status === "failed" ? v.error : "It is still being prepared; try again in a moment."}</p>
        </div>
      </Layout>
    );

  return (
    <Workspace
      video={v}
      project={project.data}
      labels={labels.data}
      masklets={masklets}
      task={task.data}
      setTask={(t) => task.setData(t)}
      backend={status.data ?? null}
      me={user}
    />
  );
}
