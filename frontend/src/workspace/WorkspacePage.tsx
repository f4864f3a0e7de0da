import { ErrorPage, Loading } from "../components/ErrorPage";
import { Layout } from "../components/Layout";
import { useAuth, useResource } from "../hooks";
import { api } from "../lib/endpoints";
import { isReadyVideo, type ReadyVideo, type Task } from "../lib/types";
import { Workspace } from "./Workspace";

/** Loads what the workspace needs and shows a clear page for any failure. */
export function WorkspacePage({ videoId, taskId }: { videoId: number; taskId: number | null }) {
  const video = useResource(() => api.video(videoId), [videoId]);
  if (video.error)
    return (
      <Layout>
        <ErrorPage error={video.error} />
      </Layout>
    );
  if (!video.data) return <Loading what="Opening the workspace" />;
  const v = video.data;
  if (!isReadyVideo(v))
    return (
      <Layout>
        <div className="error-page" data-testid="video-not-ready">
          <h1>This video is not ready</h1>
          <p>
            Status: {v.status}. {v.status === "failed" ? v.error : "It is still being prepared; try again in a moment."}
          </p>
        </div>
      </Layout>
    );
  return <ProjectLoader video={v} taskId={taskId} />;
}

function ProjectLoader({ video, taskId }: { video: ReadyVideo; taskId: number | null }) {
  const { user } = useAuth();
  const project = useResource(() => api.project(video.project), [video.project]);
  const labels = useResource(() => api.labels(video.project), [video.project]);
  const masklets = useResource(() => api.masklets(video.id), [video.id]);
  const task = useResource<Task | null>(() => (taskId != null ? api.task(taskId) : Promise.resolve(null)), [taskId]);
  const status = useResource(() => api.status(), []);

  const fatal = masklets.error ?? project.error ?? task.error ?? labels.error;
  if (fatal)
    return (
      <Layout>
        <ErrorPage error={fatal} />
      </Layout>
    );
  if (!masklets.data || !project.data || task.data === undefined || !labels.data) return <Loading what="Opening the workspace" />;
  return (
    <Workspace
      video={video}
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
