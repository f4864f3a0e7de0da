import { useState, type FormEvent } from "react";
import { ErrorLine, ErrorPage, Loading } from "../../components/ErrorPage";
import { asApiError, useResource } from "../../hooks";
import type { ApiError } from "../../lib/api";
import { api } from "../../lib/endpoints";
import type { NewWebhook, Webhook, WebhookEvent } from "../../lib/types";
import { Link } from "../../router";

const EVENTS: WebhookEvent[] = ["task.submitted", "task.accepted", "task.rejected", "export.finished", "job.failed", "qa.flagged"];

/** Managers: a project's webhooks (URL, events, on/off), the secret shown once, and each one's delivery log. */
export function WebhooksPage({ projectId }: { projectId: number }) {
  const project = useResource(() => api.project(projectId), [projectId]);
  const hooks = useResource(() => api.webhooks(projectId), [projectId]);
  const [url, setUrl] = useState("");
  const [events, setEvents] = useState<WebhookEvent[]>(["export.finished"]);
  const [created, setCreated] = useState<NewWebhook | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  if (project.error) return <ErrorPage error={project.error} />;
  if (!project.data) return <Loading what="Loading webhooks" />;

  const add = async (e: FormEvent) => {
    e.preventDefault();
    try {
      setCreated(await api.createWebhook(projectId, { url: url.trim(), events }));
      setUrl("");
      setError(null);
      await hooks.reload();
    } catch (err) {
      setError(asApiError(err));
    }
  };
  const act = async (f: () => Promise<unknown>) => {
    try {
      await f();
      setError(null);
      await hooks.reload();
    } catch (err) {
      setError(asApiError(err));
    }
  };

  return (
    <div className="page" data-testid="webhooks-page">
      <div className="section-head">
        <h1>Webhooks of {project.data.name}</h1>
        <Link to={`/projects/${projectId}`}>back to the project</Link>
      </div>
      <p className="muted">
        Each event is POSTed as JSON, signed: <code>X-Masklet-Signature: sha256=HMAC-SHA256(secret, raw body)</code>, with{" "}
        <code>X-Masklet-Timestamp</code>. Failed deliveries are retried with exponential backoff.
      </p>
      <form className="inline-form" onSubmit={add} data-testid="add-webhook-form">
        <input type="url" placeholder="https://example.org/hook" value={url} onChange={(e) => setUrl(e.target.value)} required data-testid="webhook-url" />
        {EVENTS.map((ev) => (
          <label key={ev}>
            <input
              type="checkbox"
              checked={events.includes(ev)}
              onChange={() => setEvents(events.includes(ev) ? events.filter((x) => x !== ev) : [...events, ev])}
              data-testid={`webhook-event-${ev}`}
            />{" "}
            {ev}
          </label>
        ))}
        <button type="submit" data-testid="add-webhook">
          Add webhook
        </button>
      </form>
      {created ? (
        <p className="notice" data-testid="webhook-secret">
          Secret of webhook {created.id} (shown once; keep it to verify signatures): <code>{created.secret}</code>
        </p>
      ) : null}
      <ErrorLine error={hooks.error ?? error} />
      {(hooks.data ?? []).map((h) => (
        <WebhookRow key={h.id} hook={h} onToggle={() => act(() => api.patchWebhook(h.id, { active: !h.active }))} onDelete={() => act(() => api.deleteWebhook(h.id))} />
      ))}
      {hooks.data && hooks.data.length === 0 ? <p className="muted">No webhooks.</p> : null}
    </div>
  );
}

function WebhookRow({ hook, onToggle, onDelete }: { hook: Webhook; onToggle: () => void; onDelete: () => void }) {
  const log = useResource(() => api.webhookDeliveries(hook.id), [hook.id]);
  return (
    <section data-testid={`webhook-${hook.id}`}>
      <div className="section-head">
        <h2>
          {hook.url} {hook.active ? null : <span className="badge">paused</span>}
        </h2>
        <span className="muted">{hook.events.join(", ")}</span>
        <button type="button" onClick={onToggle}>
          {hook.active ? "Pause" : "Resume"}
        </button>
        <button type="button" onClick={() => void log.reload()}>
          Refresh log
        </button>
        <button type="button" onClick={onDelete}>
          Delete
        </button>
      </div>
      <ErrorLine error={log.error} />
      <table className="table" data-testid={`webhook-log-${hook.id}`}>
        <thead>
          <tr>
            <th>#</th>
            <th>Event</th>
            <th>When</th>
            <th>Status</th>
            <th>HTTP</th>
            <th>Attempts</th>
            <th>Last error</th>
          </tr>
        </thead>
        <tbody>
          {(log.data ?? []).map((d) => (
            <tr key={d.id}>
              <td>{d.id}</td>
              <td>{d.event}</td>
              <td>{new Date(d.created_at).toLocaleString()}</td>
              <td>{d.status}</td>
              <td>{d.status_code ?? "–"}</td>
              <td>{d.attempts}</td>
              <td>{d.last_error}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
