import { ErrorPage, Loading } from "../components/ErrorPage";
import { useResource } from "../hooks";
import { api } from "../lib/endpoints";
import { ExportsSection } from "./delivery/ExportsSection";
import { Link } from "../router";
import { LabelsSection } from "./project/LabelsSection";
import { MembersSection } from "./project/MembersSection";
import { TasksSection } from "./project/TasksSection";
import { useProjectLive } from "./project/useProjectLive";
import { VideosSection } from "./project/VideosSection";

/** A project's dashboard: managers see and change everything, others see videos and their own tasks. */
export function ProjectPage({ projectId }: { projectId: number }) {
  const project = useResource(() => api.project(projectId), [projectId]);
  const videos = useResource(() => api.videos(projectId), [projectId]);
  const labels = useResource(() => api.labels(projectId), [projectId]);
  const members = useResource(() => api.members(projectId), [projectId]);
  const isManager = project.data?.my_role === "manager";
  const tasks = useResource(() => api.projectTasks(projectId), [projectId]);
  const live = useProjectLive(projectId, { tasks: () => void tasks.reload(), videos: () => void videos.reload() });

  const fatal = project.error ?? videos.error;
  if (fatal) return <ErrorPage error={fatal} />;
  if (!project.data || !videos.data) return <Loading what="Loading project" />;
  const p = project.data;

  return (
    <div className="page" data-testid="project-page">
      <div className="section-head">
        <h1>{p.name}</h1>
        {p.my_role ? <span className={`badge role-${p.my_role}`}>you: {p.my_role}</span> : null}
        <Link to={`/projects/${projectId}/effort`} data-testid="effort-link">
          {isManager ? "Effort" : "My effort"}
        </Link>
        <span className={`badge live-${live.status}`} data-testid="project-live" title="task states and ingest progress update live">
          {live.status === "open" ? "live" : live.status}
        </span>
        <Link to={`/projects/${projectId}/quality`} data-testid="quality-link">
          Quality: review queue and reports
        </Link>
      </div>
      {p.description ? <p className="muted">{p.description}</p> : null}
      <VideosSection projectId={projectId} videos={videos} canUpload={isManager} pushed={live.jobs} />
      <TasksSection projectId={projectId} tasks={tasks} videos={videos.data} members={members.data ?? []} isManager={isManager} />
      {isManager ? <ExportsSection projectId={projectId} labels={labels.data ?? []} /> : null}
      <div className="two-col">
        <MembersSection projectId={projectId} members={members} isManager={isManager} />
        <LabelsSection projectId={projectId} labels={labels} isManager={isManager} />
      </div>
    </div>
  );
}
