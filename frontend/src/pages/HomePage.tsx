import { useState, type FormEvent } from "react";
import { ErrorLine, ErrorPage, Loading } from "../components/ErrorPage";
import { asApiError, useAuth, useResource } from "../hooks";
import type { ApiError } from "../lib/api";
import { api } from "../lib/endpoints";
import { Link, navigate } from "../router";
import { TaskTable } from "./MyTasksPage";

export function HomePage() {
  const { user } = useAuth();
  const projects = useResource(() => api.projects(), []);
  const tasks = useResource(() => api.myTasks(), []);
  const [showCreate, setShowCreate] = useState(false);

  if (projects.error) return <ErrorPage error={projects.error} />;
  if (!projects.data) return <Loading what="Loading projects" />;

  return (
    <div className="page">
      <section>
        <div className="section-head">
          <h1>Projects</h1>
          <button data-testid="new-project" onClick={() => setShowCreate((v) => !v)}>
            New project
          </button>
        </div>
        {showCreate ? <CreateProject onCreated={(id) => navigate(`/projects/${id}`)} /> : null}
        {projects.data.length === 0 ? (
          <p className="muted">
            {user?.is_staff ? "No projects yet: create one." : "You are not a member of any project yet. Ask a manager to add you."}
          </p>
        ) : (
          <ul className="project-list" data-testid="project-list">
            {projects.data.map((p) => (
              <li key={p.id} className="card">
                <Link to={`/projects/${p.id}`} data-testid={`project-link-${p.id}`}>
                  <strong>{p.name}</strong>
                </Link>
                {p.my_role ? <span className={`badge role-${p.my_role}`}>{p.my_role}</span> : null}
                <p className="muted">{p.description}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section>
        <h2>My queue</h2>
        {tasks.error ? <ErrorLine error={tasks.error} /> : !tasks.data ? <Loading /> : <TaskTable tasks={tasks.data} testId="home-queue" />}
      </section>
    </div>
  );
}

function CreateProject({ onCreated }: { onCreated: (id: number) => void }) {
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [fps, setFps] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const p = await api.createProject({ name, description, ...(fps ? { annotation_fps: Number(fps) } : {}) });
      onCreated(p.id);
    } catch (err) {
      setError(asApiError(err));
    }
  };
  return (
    <form className="card inline-form" onSubmit={submit} data-testid="create-project-form">
      <input placeholder="Project name" value={name} onChange={(e) => setName(e.target.value)} required data-testid="project-name" />
      <input placeholder="Description" value={description} onChange={(e) => setDescription(e.target.value)} />
      <input placeholder="Annotation fps (optional)" type="number" min="0.1" step="0.1" value={fps} onChange={(e) => setFps(e.target.value)} />
      <button type="submit" className="primary" data-testid="create-project">
        Create
      </button>
      <ErrorLine error={error} />
    </form>
  );
}
