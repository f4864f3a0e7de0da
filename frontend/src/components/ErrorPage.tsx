import { ApiError, type ErrorKind } from "../lib/api";
import { Link, navigate } from "../router";

const TEXT: Record<ErrorKind | "unknown", { title: string; body: string }> = {
  notfound: { title: "Not found", body: "This page or the thing it shows does not exist, or it was deleted." },
  forbidden: { title: "No access", body: "You are not allowed to see this. Ask a manager of the project to add you." },
  unauthorized: { title: "Please log in", body: "Your session has ended." },
  network: { title: "Cannot reach the server", body: "Check your network connection; the server may also be restarting." },
  server: { title: "The server failed", body: "Something went wrong on the server. Try again in a moment; if it persists, tell an administrator." },
  conflict: { title: "Conflict", body: "Someone else changed this at the same time." },
  client: { title: "That did not work", body: "The request was not accepted." },
  unknown: { title: "Something went wrong", body: "" },
};

export function ErrorPage({ error, kind }: { error?: ApiError | null; kind?: ErrorKind }) {
  const k: ErrorKind | "unknown" = kind ?? error?.kind ?? "unknown";
  const t = TEXT[k];
  const status = error?.status;
  return (
    <div className="error-page" data-testid={`error-${k}`} role="alert">
      <h1>
        {status ? <span className="error-code">{status}</span> : null} {t.title}
      </h1>
      <p>{t.body}</p>
      {error?.detail && error.detail !== t.body ? <p className="error-detail">{error.detail}</p> : null}
      <p className="error-actions">
        {k === "unauthorized" ? (
          <button onClick={() => navigate(`/login?next=${encodeURIComponent(window.location.pathname)}`)}>Log in</button>
        ) : (
          <button onClick={() => window.location.reload()}>Try again</button>
        )}{" "}
        <Link to="/">Back to projects</Link>
      </p>
    </div>
  );
}

export function Loading({ what = "Loading" }: { what?: string }) {
  return (
    <div className="loading" aria-busy="true">
      {what}…
    </div>
  );
}

export function ProgressBar({ value, testId, label }: { value: number; testId?: string; label?: string }) {
  const pct = Math.round(Math.min(1, Math.max(0, value)) * 100);
  return (
    <div className="progress" data-testid={testId} role="progressbar" aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100} aria-label={label}>
      <div className="progress-fill" style={{ width: `${pct}%` }} />
      <span className="progress-text">{pct}%</span>
    </div>
  );
}

/** Inline error line for forms and actions. */
export function ErrorLine({ error }: { error: ApiError | string | null | undefined }) {
  if (!error) return null;
  const text = typeof error === "string" ? error : error.fullMessage;
  return (
    <p className="error-line" role="alert" data-testid="error-line">
      {text}
    </p>
  );
}
